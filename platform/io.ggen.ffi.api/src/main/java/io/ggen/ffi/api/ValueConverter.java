package io.ggen.ffi.api;

import java.lang.reflect.Type;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Converts Java values to the neutral model and back. The platform's conversion bundle provides
 * it and extends it with every {@link io.ggen.ffi.api.spi.TypeConverter} service.
 *
 * <p>The built-in mapping: {@code null}; {@code Boolean}; {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code BigInteger} (to {@code Long} or {@code BigInteger} back);
 * {@code Float}, {@code Double}; {@code CharSequence} and {@code Character} (to {@code String});
 * {@code byte[]} and {@code ByteBuffer} (to {@code byte[]}); arrays and {@code Collection}s (to
 * {@code List}); {@code Map} (to {@code Map}, order kept); {@code Optional}; {@link ForeignValue}s
 * as they are; {@link ForeignHandle}s (to themselves); since 1.1, records and Java beans (to maps of
 * their components or properties, by name).
 */
@ProviderType
public interface ValueConverter {

    /**
     * @throws ForeignArgumentException no conversion is known for the value's type
     */
    ForeignValue toForeign(Object value);

    /** The natural Java form of a neutral value. */
    Object toJava(ForeignValue value);

    /**
     * The value as an instance of the target type.
     *
     * @throws ForeignArgumentException the value cannot be had as that type
     */
    <T> T toJava(ForeignValue value, Class<T> target);

    /**
     * The value as an instance of a generic type: {@code List<Long>}, {@code Map<String, T>},
     * {@code Optional<T>}, arrays of them, records (from maps, by component name) and Java beans
     * (from maps, through their setters), converting every element to its declared type. A plain
     * class is as {@link #toJava(ForeignValue, Class)} takes it.
     *
     * @throws ForeignArgumentException the value, or an element of it, cannot be had as that type;
     *     the message says where in the value
     * @since 1.1
     */
    Object toJava(ForeignValue value, Type target);
}
