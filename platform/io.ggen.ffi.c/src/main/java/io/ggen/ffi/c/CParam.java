package io.ggen.ffi.c;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A parameter of a {@link CSignature}.
 *
 * @param name its name as declared, or {@code arg<N>} when the signature gives none
 * @param type its type
 */
@ProviderType
public record CParam(String name, CType type) {

    public CParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type.kind() == CType.Kind.FUNCTION_POINTER
            ? type.function().returns() + " (*" + name + ")" + type.function().parameterList()
            : type + " " + name;
    }
}
