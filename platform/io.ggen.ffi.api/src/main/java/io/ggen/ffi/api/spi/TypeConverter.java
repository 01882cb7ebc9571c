package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Teaches the {@link ValueConverter} a Java type. Registered as a service; converters with a
 * higher {@code service.ranking} are asked first, before the built-in mapping.
 */
@ConsumerType
public interface TypeConverter {

    /**
     * The neutral form of the value, or empty when this converter does not know its type.
     *
     * @param converter the whole converter, for the parts of a composite value
     */
    Optional<ForeignValue> toForeign(Object value, ValueConverter converter);

    /**
     * The value as the target type, or empty when this converter does not make that type.
     *
     * @param converter the whole converter, for the parts of a composite value
     */
    <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter converter);
}
