package io.ggen.ffi.c;

import java.lang.invoke.MethodHandles;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Typed bindings: a Java interface whose methods are C functions of one library.
 *
 * <pre>{@code
 * interface LibC {
 *     int abs(int value);
 *     @CFunction(signature = "size_t strlen(const char* s)") long strlen(String s);
 * }
 * LibC libc = binder.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
 * }</pre>
 *
 * <p>Registered by the Panama FFM bridge. A binding calls straight into a downcall
 * {@code MethodHandle} made once per method; when the bridge stops, its bindings throw
 * {@link io.ggen.ffi.api.BridgeUnavailableException} instead of calling a library that may be gone.
 */
@ProviderType
public interface CBinder {

    /**
     * Binds an interface to a library.
     *
     * @param lookup the caller's {@code MethodHandles.lookup()}: the binding is defined next to the
     *     caller's class, so it sees the interface whichever bundle it comes from
     * @param api an interface; every abstract method is bound, default methods are kept
     * @param library as {@link CLibrary#locate} takes it
     * @throws io.ggen.ffi.api.ForeignException a library or symbol is missing, or a method cannot be
     *     mapped to C; the message names the method
     */
    <T> T bind(MethodHandles.Lookup lookup, Class<T> api, String library);
}
