package org.acme.consumer;

import org.acme.greeter.Greeter;
import org.acme.zlib.Zlib;

/** Compiles only when both interfaces were generated, with these methods and types. */
public final class Bindings {

    private Bindings() {
    }

    /** zlib's {@code uLong compressBound(uLong sourceLen)}. */
    public static long bound(Zlib zlib, long sourceLength) {
        return zlib.compressBound(sourceLength);
    }

    /** Python's {@code greet(name: str) -> str}. */
    public static String greeting(Greeter greeter) {
        return greeter.greet("Maven");
    }

    /** Python's {@code add(a: int, b: int) -> int}. */
    public static long sum(Greeter greeter) {
        return greeter.add(40, 2);
    }
}
