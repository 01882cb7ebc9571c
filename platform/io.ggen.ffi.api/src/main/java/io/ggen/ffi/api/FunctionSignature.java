package io.ggen.ffi.api;

import java.util.List;
import java.util.Objects;

/**
 * What a module tells about one of its functions: its parameters, its result and its comment, in
 * the platform's neutral type names. A module says what its language can tell: a Python function's
 * type hints, a worker's description of itself, a WebAssembly export's type; types it cannot tell are
 * {@code any}.
 *
 * <p>Type names: {@code any}, {@code null} (no value), {@code bool}, {@code int} (64 bits),
 * {@code int32}, {@code bigint} (an integer of any size), {@code float} (64 bits), {@code float32},
 * {@code string}, {@code bytes}, {@code handle}, {@code list<T>}, {@code map<T>} (string keys) and
 * {@code optional<T>} (the value or null), e.g. {@code map<list<int>>}.
 *
 * @param name the function's name in its language
 * @param parameters in order
 * @param result the result's type
 * @param doc its comment, or empty
 * @param variadic whether it takes more arguments after its parameters ({@code *args}, {@code ...rest})
 * @since 1.1
 */
public record FunctionSignature(String name, List<Parameter> parameters, String result, String doc, boolean variadic) {

    /** A type the language cannot tell. */
    public static final String ANY = "any";

    /**
     * @param name the parameter's name, or {@code argN} when the language has none
     * @param type its type
     * @param optional whether a call may leave it out (it has a default)
     */
    public record Parameter(String name, String type, boolean optional) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public FunctionSignature {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(result, "result");
        doc = doc == null ? "" : doc;
    }

    /** The number of parameters a call must give. */
    public int required() {
        return (int) parameters.stream().filter(parameter -> !parameter.optional()).count();
    }

    /** Whether a call with this many arguments fits. */
    public boolean accepts(int arguments) {
        return arguments >= required() && (variadic || arguments <= parameters.size());
    }

    /** {@code add(a: int, b: int = ...) -> int}. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            text.append(i == 0 ? "" : ", ").append(parameter.name()).append(": ").append(parameter.type())
                .append(parameter.optional() ? " = ..." : "");
        }
        return text.append(variadic ? (parameters.isEmpty() ? "..." : ", ...") : "").append(") -> ").append(result).toString();
    }
}
