package io.ggen.ffi.bindgen.c;

import io.ggen.ffi.bindgen.JavaNames;
import io.ggen.ffi.c.CSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A header's functions as the C bridges can call them: for each, its C signature (checked with
 * {@link CSignature#parse}) and Java types, or why it cannot be called.
 */
final class CFunctions {

    /**
     * A function the bridges can call.
     *
     * @param signature the C declaration for {@code @CFunction(signature = ...)}, e.g. {@code int abs(int x)}
     * @param javaNames the Java parameters' names, in order
     */
    record Bindable(ClangHeader.Function function, String signature, CTypeMapping.Mapped returns,
                    List<CTypeMapping.Mapped> params, List<String> javaNames) {
    }

    private CFunctions() {
    }

    /**
     * Maps one function.
     *
     * @throws CTypeMapping.Unsupported it cannot be called; the message says why
     */
    static Bindable map(ClangHeader.Function function, CTypeMapping mapping) {
        if (!function.external()) {
            throw new CTypeMapping.Unsupported("static or inline", "static or inline: defined in the header, exported by no library");
        }
        if (function.variadic()) {
            throw new CTypeMapping.Unsupported("variadic", "variadic (...): the C bridges call fixed parameter lists only; call a"
                + " fixed-argument variant or wrap it in C");
        }
        ClangType type;
        try {
            type = ClangTypeParser.parse(function.type());
        } catch (IllegalArgumentException e) {
            throw new CTypeMapping.Unsupported(e.getMessage());
        }
        if (!(type instanceof ClangType.Function declared)) {
            throw new CTypeMapping.Unsupported("clang's type '" + function.type() + "' is not a function type");
        }
        CTypeMapping.Mapped returns = mapping.result(declared.returns());
        List<CTypeMapping.Mapped> params = new ArrayList<>();
        List<String> cNames = new ArrayList<>();
        List<String> javaNames = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < function.params().size(); i++) {
            ClangHeader.Param param = function.params().get(i);
            ClangType paramType;
            try {
                paramType = ClangTypeParser.parse(param.type());
            } catch (IllegalArgumentException e) {
                throw new CTypeMapping.Unsupported(e.getMessage());
            }
            String cName = param.name().isEmpty() ? "arg" + i : param.name();
            String javaName = JavaNames.identifier(cName);
            if (!used.add(javaName)) {
                javaName = "arg" + i;
                used.add(javaName);
            }
            params.add(mapping.parameter(paramType, JavaNames.typeName(function.name()) + JavaNames.typeName(cName)));
            cNames.add(cName);
            javaNames.add(javaName);
        }
        List<String> declarations = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            declarations.add(params.get(i).declare(cNames.get(i)));
        }
        String signature = returns.c() + " " + function.name() + "(" + (params.isEmpty() ? "void" : String.join(", ", declarations)) + ")";
        try {
            CSignature.parse(signature);
        } catch (RuntimeException e) {
            throw new CTypeMapping.Unsupported("its signature '" + signature + "' does not parse: " + e.getMessage());
        }
        return new Bindable(function, signature, returns, params, javaNames);
    }
}
