package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Java function a C function can call back: pass it as a {@code ForeignValue.handle(...)} where the
 * C signature has a function pointer, e.g. {@code qsort}'s comparator.
 *
 * <p>The callback's arguments arrive as values: integers and floats as numbers, {@code const char*}
 * as a string, a pointer to a scalar ({@code const int*}) as the value it points to, {@code void*} as
 * its address. It returns what the signature says. It runs on the thread of the C call, for as long
 * as that call runs; an exception it throws cannot cross C, so the callback returns zero instead and
 * the call fails with that exception once C returns.
 */
public final class CCallback implements ForeignHandle {

    private final CSignature signature;
    private final Function<List<ForeignValue>, ForeignValue> body;

    private CCallback(CSignature signature, Function<List<ForeignValue>, ForeignValue> body) {
        this.signature = signature;
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * A callback.
     *
     * @param signature its C signature, e.g. {@code int compare(const int* a, const int* b)}
     */
    public static CCallback of(String signature, Function<List<ForeignValue>, ForeignValue> body) {
        return new CCallback(CSignature.parse(signature), body);
    }

    public CSignature signature() {
        return signature;
    }

    public Function<List<ForeignValue>, ForeignValue> body() {
        return body;
    }

    @Override
    public String language() {
        return "java";
    }

    @Override
    public String typeName() {
        return "callback " + signature;
    }

    /** A callback holds nothing native: the stub C calls lives only as long as the call it is passed to. */
    @Override
    public boolean isReleased() {
        return false;
    }

    @Override
    public void release() {
        // nothing to free: see isReleased
    }
}
