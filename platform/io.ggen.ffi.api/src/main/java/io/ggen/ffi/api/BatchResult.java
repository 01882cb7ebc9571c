package io.ggen.ffi.api;

/**
 * The outcome of one item of a batch: a value or an error, never both.
 */
public record BatchResult(ForeignValue value, ForeignException error) {

    public BatchResult {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("a batch result is a value or an error");
        }
    }

    public static BatchResult success(ForeignValue value) {
        return new BatchResult(value, null);
    }

    public static BatchResult failure(ForeignException error) {
        return new BatchResult(null, error);
    }

    public boolean isError() {
        return error != null;
    }

    /** The value, or the error thrown. */
    public ForeignValue get() {
        if (error != null) {
            throw error;
        }
        return value;
    }
}
