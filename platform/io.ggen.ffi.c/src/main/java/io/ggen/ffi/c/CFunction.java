package io.ggen.ffi.c;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Names the C function a method of a typed binding calls (see {@link CBinder}); without it, the
 * method's name is the symbol and its Java types give the C types.
 *
 * <p>Java types map as: {@code byte/short/int/long} to {@code int8_t/int16_t/int32_t/int64_t},
 * {@code float/double}, {@code boolean} to {@code bool}, {@code String} to {@code const char*}
 * (a returned {@code String} is copied and not freed unless {@link #free()} names the function that
 * frees it), {@code MemorySegment} to {@code void*}, {@code byte[]/int[]/long[]/double[]} to
 * pointers whose contents are copied in and back out after the call, a functional interface to a
 * function pointer (an upcall whose parameters map the same way).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ProviderType
public @interface CFunction {

    /** The symbol; the method's name when empty. */
    String value() default "";

    /**
     * The C signature when the Java types do not say enough, e.g. {@code size_t strlen(const char*)}
     * or {@code char* analyze_code(const char*)} (a {@code char*} return is freed after copying).
     */
    String signature() default "";

    /** The library's function that frees a returned {@code char*}; {@code free} when empty. */
    String free() default "";

    /**
     * Whether to capture {@code errno}: when the function returns -1 (an integer) or NULL (a
     * pointer), the call throws a {@code ForeignException} whose type is {@code errno N} and whose
     * message has the text of {@code strerror}. Only for functions that return an integer or a pointer.
     */
    boolean errno() default false;
}
