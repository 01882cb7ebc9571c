package io.ggen.ffi.bindgen;

import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;

/**
 * Writes one Java interface for a module from its {@link FunctionSignature}s, to be bound with
 * {@link io.ggen.ffi.api.ForeignModule#bind(Class)}: a method per function, named as the function
 * when that is a legal Java identifier and otherwise escaped with {@code @ForeignCall("real name")};
 * an overload per number of given arguments when trailing parameters are optional; Javadoc from the
 * function's comment; the constants {@code LANGUAGE} and {@code SOURCE} and a static {@code spec()}
 * that loads the module the interface was written from.
 *
 * <pre>{@code
 * GeneratedInterface api = new InterfaceWriter("org.acme", "MathUtils", module.spec(), "ggen bindgen python")
 *     .write(module.signatures());
 * api.writeTo(Path.of("src/main/java"));
 * }</pre>
 */
public final class InterfaceWriter {

    /** Why a function was left out: a type name that is not a neutral type. */
    public static final String UNKNOWN_TYPE = "unknown type";
    /** Why a function was left out: its method would clash with another function's. */
    public static final String NAME_CLASH = "name clash";

    /** Names the generated interface itself declares. */
    private static final Set<String> RESERVED = Set.of("spec", "LANGUAGE", "SOURCE");

    private final String packageName;
    private final String interfaceName;
    private final ModuleSpec module;
    private final String command;

    /**
     * @param packageName the interface's package, e.g. {@code org.acme.bindings}
     * @param interfaceName its simple name; made a legal identifier if it is not
     * @param module the spec the module was loaded from: its language, source kind and source go into
     *     {@code LANGUAGE}, {@code SOURCE} and {@code spec()}; not one given as bytes
     * @param command the command that generated it, for {@code @Generated}, e.g. {@code ggen bindgen python}
     */
    public InterfaceWriter(String packageName, String interfaceName, ModuleSpec module, String command) {
        this.packageName = JavaNames.packageName(packageName);
        this.interfaceName = JavaNames.typeName(interfaceName);
        this.module = Objects.requireNonNull(module, "module");
        if (module.kind() == ModuleSpec.SourceKind.BYTES) {
            throw new IllegalArgumentException("a module given as bytes has no source an interface can name: "
                + "generate it from the module's file");
        }
        this.command = Objects.requireNonNull(command, "command");
    }

    /** The interface for these functions, in their order. */
    public GeneratedInterface write(List<FunctionSignature> signatures) {
        Set<String> imports = new TreeSet<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        Set<String> erasures = new HashSet<>();
        StringBuilder methods = new StringBuilder();
        int bound = 0;
        for (FunctionSignature signature : signatures) {
            String reason = method(signature, imports, erasures, methods);
            if (reason == null) {
                bound++;
            } else {
                skipped.merge(reason, 1, Integer::sum);
            }
        }
        imports.add("io.ggen.ffi.api.ModuleSpec");
        if (module.kind() == ModuleSpec.SourceKind.FILE) {
            imports.add("java.nio.file.Path");
        }
        StringBuilder source = new StringBuilder();
        if (!packageName.isEmpty()) {
            source.append("package ").append(packageName).append(";\n\n");
        }
        for (String type : imports) {
            source.append("import ").append(type).append(";\n");
        }
        source.append('\n');
        source.append("/**\n * Typed binding of the ").append(escapeDoc(module.language())).append(" module ")
            .append(escapeDoc(describeSource())).append(":\n * {@code runtime.load(").append(interfaceName)
            .append(".spec()).bind(").append(interfaceName).append(".class)}.\n */\n");
        source.append(JavaNames.generated(command, module.describe()));
        source.append("public interface ").append(interfaceName).append(" {\n\n");
        source.append("    /** The language of the module. */\n");
        source.append("    String LANGUAGE = \"").append(JavaNames.escape(module.language())).append("\";\n\n");
        source.append("    /** The module's source, as the generator was given it. */\n");
        source.append("    String SOURCE = \"").append(JavaNames.escape(module.source())).append("\";\n\n");
        source.append("    /** The module this interface was generated from (without the options it was loaded with). */\n");
        source.append("    static ModuleSpec spec() {\n        return ").append(specExpression()).append(";\n    }\n");
        source.append(methods);
        source.append("}\n");
        return new GeneratedInterface(packageName, interfaceName, source.toString(), bound, skipped);
    }

    private String describeSource() {
        return module.kind() == ModuleSpec.SourceKind.CODE ? "(inline code)" : module.source();
    }

    private String specExpression() {
        return switch (module.kind()) {
            case CODE -> "ModuleSpec.code(LANGUAGE, SOURCE)";
            case FILE -> "ModuleSpec.file(LANGUAGE, Path.of(SOURCE))";
            case NAME -> "ModuleSpec.named(LANGUAGE, SOURCE)";
            case BYTES -> throw new AssertionError("refused by the constructor");
        };
    }

    /** Appends the methods of one function; returns why it was left out, or null. */
    private String method(FunctionSignature signature, Set<String> imports, Set<String> erasures, StringBuilder out) {
        NeutralType result;
        List<NeutralType> types = new ArrayList<>();
        try {
            result = NeutralType.parse(signature.result());
            for (FunctionSignature.Parameter parameter : signature.parameters()) {
                types.add(NeutralType.parse(parameter.type()));
            }
        } catch (IllegalArgumentException e) {
            return UNKNOWN_TYPE;
        }
        String name = methodName(signature.name());
        boolean renamed = !name.equals(signature.name());
        List<String> parameterNames = parameterNames(signature.parameters());
        int fewest = signature.parameters().size();
        while (fewest > 0 && signature.parameters().get(fewest - 1).optional()) {
            fewest--;
        }
        List<String> overloads = new ArrayList<>();
        Set<String> ownErasures = new HashSet<>();
        for (int count = fewest; count <= types.size(); count++) {
            StringBuilder parameters = new StringBuilder();
            StringBuilder erasure = new StringBuilder(name).append('(');
            for (int i = 0; i < count; i++) {
                String type = types.get(i).javaParameter();
                parameters.append(i == 0 ? "" : ", ").append(type).append(' ').append(parameterNames.get(i));
                erasure.append(type.replaceAll("<.*>", "")).append(',');
            }
            if (erasures.contains(erasure.toString()) || !ownErasures.add(erasure.toString())) {
                continue;
            }
            StringBuilder method = new StringBuilder("\n");
            method.append(JavaNames.javadoc(doc(signature, count), "    "));
            if (renamed) {
                imports.add("io.ggen.ffi.api.ForeignCall");
                method.append("    @ForeignCall(\"").append(JavaNames.escape(signature.name())).append("\")\n");
            }
            method.append("    ").append(result.javaResult()).append(' ').append(name).append('(').append(parameters)
                .append(");\n");
            for (int i = 0; i < count; i++) {
                types.get(i).addImports(imports, false);
            }
            result.addImports(imports, true);
            overloads.add(method.toString());
        }
        if (overloads.isEmpty()) {
            return NAME_CLASH;
        }
        erasures.addAll(ownErasures);
        overloads.forEach(out::append);
        return null;
    }

    private static String doc(FunctionSignature signature, int count) {
        StringBuilder doc = new StringBuilder(signature.doc().strip());
        if (!doc.isEmpty()) {
            doc.append("\n\n");
        }
        doc.append(signature.describe());
        if (count < signature.parameters().size()) {
            doc.append("\nLeaves out ").append(signature.parameters().subList(count, signature.parameters().size())
                .stream().map(FunctionSignature.Parameter::name).toList().toString().replaceAll("[\\[\\]]", ""))
                .append(": the function's defaults apply.");
        }
        if (signature.variadic()) {
            doc.append("\nThe function takes more arguments after these; a typed binding passes only these"
                + " (call it through ForeignModule.function for more).");
        }
        return doc.toString();
    }

    /** The function's name if it is a legal method name here, else the name made legal. */
    private static String methodName(String function) {
        if (SourceVersion.isIdentifier(function) && !SourceVersion.isKeyword(function) && !function.equals("_")
            && !JavaNames.OBJECT_METHODS.contains(function) && !RESERVED.contains(function)) {
            return function;
        }
        String name = JavaNames.identifier(function);
        return JavaNames.OBJECT_METHODS.contains(name) || RESERVED.contains(name) ? name + "_" : name;
    }

    private static List<String> parameterNames(List<FunctionSignature.Parameter> parameters) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (FunctionSignature.Parameter parameter : parameters) {
            String name = JavaNames.identifier(parameter.name());
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name + n;
            }
            names.add(unique);
        }
        return names;
    }

    private static String escapeDoc(String text) {
        return JavaNames.docText(text.replaceAll("\\R", " "));
    }
}
