package io.ggen.ffi.bindgen.c;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A C header could not be read: clang is missing or refused the header, or a function asked for is
 * not declared in it. The message says what to do.
 */
@ProviderType
public final class CHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CHeaderException(String message) {
        super(message);
    }

    public CHeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
