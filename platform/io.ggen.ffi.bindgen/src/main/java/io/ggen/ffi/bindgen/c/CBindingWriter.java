package io.ggen.ffi.bindgen.c;

import io.ggen.ffi.bindgen.GeneratedInterface;
import io.ggen.ffi.bindgen.JavaNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes one Java interface for a header: constants from its {@code #define}s and enums, a nested
 * functional interface per callback type, one {@code @CFunction} method per function the C bridges
 * can call, and a {@code // skipped: NAME — why} line for each one they cannot.
 */
final class CBindingWriter {

    private static final String INDENT = "    ";

    private final ClangHeader header;
    private final List<CMacros.Constant> macros;
    private final String library;
    private final Predicate<String> exported;
    private final String libraryNote;
    private final CTypeMapping mapping;
    private final Set<String> members = new HashSet<>();
    private final Set<String> types = new HashSet<>();
    private final Map<String, CTypeMapping.Callback> callbacks = new LinkedHashMap<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, Integer> skippedFunctions = new LinkedHashMap<>();
    private int functions;

    /**
     * @param exported whether the library exports a symbol; everything when it was not checked
     * @param libraryNote why symbols were not checked, or null
     */
    CBindingWriter(ClangHeader header, List<CMacros.Constant> macros, String library, Predicate<String> exported,
                   String libraryNote) {
        this.header = header;
        this.macros = macros;
        this.library = library;
        this.exported = exported;
        this.libraryNote = libraryNote;
        this.mapping = new CTypeMapping(header.allTypedefs());
    }

    GeneratedInterface write(String packageName, String interfaceName) {
        types.add(interfaceName);
        members.addAll(List.of("LIBRARY", "bind"));
        String file = header.file().getFileName().toString();
        StringBuilder source = new StringBuilder();
        if (!packageName.isEmpty()) {
            source.append("package ").append(JavaNames.packageName(packageName)).append(";\n\n");
        }
        source.append("import io.ggen.ffi.c.CBinder;\nimport io.ggen.ffi.c.CFunction;\n")
            .append("import java.lang.foreign.MemorySegment;\nimport java.lang.invoke.MethodHandles;\n\n");
        source.append(JavaNames.javadoc("The functions and constants of the C header " + file + ", for the C bridges'"
            + " typed bindings (CBinder): " + interfaceName + ".bind(binder" + (library == null ? ", library" : "")
            + ") gives an implementation that calls the library.\n\nGenerated from " + header.file()
            + " by reading it with clang; what the C bridges cannot call is listed as skipped, with the reason.", ""));
        source.append(JavaNames.generated("ggen bindgen c", header.file().toString()));
        source.append("public interface ").append(interfaceName).append(" {\n");

        if (library != null) {
            body.append('\n').append(JavaNames.javadoc("The library this header's functions are in, as CBinder.bind takes it.", INDENT))
                .append(INDENT).append("String LIBRARY = \"").append(JavaNames.escape(library)).append("\";\n");
            body.append('\n').append(JavaNames.javadoc("This interface bound to LIBRARY.", INDENT))
                .append(INDENT).append("static ").append(interfaceName).append(" bind(CBinder binder) {\n")
                .append(INDENT).append(INDENT).append("return bind(binder, LIBRARY);\n").append(INDENT).append("}\n");
        }
        body.append('\n').append(JavaNames.javadoc("This interface bound to a library (a path, a file name, a loader name or a short name).", INDENT))
            .append(INDENT).append("static ").append(interfaceName).append(" bind(CBinder binder, String library) {\n")
            .append(INDENT).append(INDENT).append("return binder.bind(MethodHandles.lookup(), ").append(interfaceName)
            .append(".class, library);\n").append(INDENT).append("}\n");
        if (libraryNote != null) {
            body.append('\n').append(INDENT).append("// ").append(libraryNote).append('\n');
        }

        StringBuilder methods = functions();
        constants();
        enums();
        callbacks();
        records();
        body.append(methods);
        if (!skipped.isEmpty()) {
            body.append('\n');
            skipped.forEach(line -> body.append(INDENT).append("// skipped: ").append(line).append('\n'));
        }
        return new GeneratedInterface(packageName, interfaceName, source.append(body).append("}\n").toString(),
            functions, skippedFunctions);
    }

    /** A function left out: a {@code // skipped} line, counted by its kind of reason. */
    private void skipFunction(String function, String kind, String why) {
        skipped.add(function + " — " + why);
        skippedFunctions.merge(kind, 1, Integer::sum);
    }

    private void constants() {
        boolean first = true;
        for (CMacros.Constant constant : macros) {
            String name = JavaNames.identifier(constant.name());
            if (!members.add(name)) {
                skipped.add(constant.name() + " — a constant of that name is already defined");
                continue;
            }
            if (first) {
                body.append('\n').append(INDENT).append("// #define constants\n");
                first = false;
            }
            body.append(INDENT).append(constant.javaType()).append(' ').append(name).append(" = ").append(constant.literal()).append(";\n");
        }
    }

    private void enums() {
        Map<String, String> typedefNames = new LinkedHashMap<>();
        for (ClangHeader.Typedef typedef : header.typedefs()) {
            if (typedef.tagId() != null) {
                typedefNames.putIfAbsent(typedef.tagId(), typedef.name());
            }
        }
        for (ClangHeader.Enum e : header.enums()) {
            String name = e.name() != null ? e.name() : typedefNames.get(e.id());
            if (e.constants().isEmpty()) {
                continue;
            }
            body.append('\n');
            if (name == null) {
                body.append(JavaNames.javadoc(e.comment(), INDENT));
                body.append(INDENT).append("// an anonymous enum\n");
                for (ClangHeader.Constant constant : e.constants()) {
                    String constantName = JavaNames.identifier(constant.name());
                    if (members.add(constantName)) {
                        body.append(JavaNames.javadoc(constant.comment(), INDENT));
                        body.append(INDENT).append(literal(constant.value()).replace("static final ", "")).append(constantName)
                            .append(" = ").append(value(constant.value())).append(";\n");
                    } else {
                        skipped.add(constant.name() + " — a constant of that name is already defined");
                    }
                }
                continue;
            }
            String type = unique(JavaNames.typeName(name));
            body.append(JavaNames.javadoc(e.comment().isBlank() ? "The constants of enum " + name + "." : e.comment(), INDENT));
            body.append(INDENT).append("final class ").append(type).append(" {\n");
            for (ClangHeader.Constant constant : e.constants()) {
                body.append(JavaNames.javadoc(constant.comment(), INDENT + INDENT));
                body.append(INDENT).append(INDENT).append("public ").append(literal(constant.value()))
                    .append(JavaNames.identifier(constant.name())).append(" = ").append(value(constant.value())).append(";\n");
            }
            body.append('\n').append(INDENT).append(INDENT).append("private ").append(type).append("() {\n")
                .append(INDENT).append(INDENT).append("}\n").append(INDENT).append("}\n");
        }
    }

    private static String literal(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? "static final int " : "static final long ";
    }

    private static String value(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? Long.toString(value) : value + "L";
    }

    private StringBuilder functions() {
        for (ClangHeader.Typedef typedef : header.typedefs()) {
            try {
                CTypeMapping.Callback callback = mapping.callbackTypedef(typedef.name());
                if (callback != null && callbacks.putIfAbsent(callback.name(), callback) == null) {
                    types.add(callback.name());
                }
            } catch (CTypeMapping.Unsupported e) {
                skipped.add("typedef " + typedef.name() + " — " + e.getMessage());
            } catch (IllegalArgumentException e) {
                skipped.add("typedef " + typedef.name() + " — " + e.getMessage());
            }
        }
        StringBuilder methods = new StringBuilder();
        for (ClangHeader.Function function : header.functions()) {
            CFunctions.Bindable bindable;
            try {
                bindable = CFunctions.map(function, mapping);
            } catch (CTypeMapping.Unsupported e) {
                skipFunction(function.name(), e.kind(), e.getMessage());
                continue;
            }
            if (!exported.test(function.name())) {
                skipFunction(function.name(), "not exported", "not exported by " + library);
                continue;
            }
            String method = JavaNames.identifier(function.name());
            if (JavaNames.OBJECT_METHODS.contains(method) || method.equals("bind")) {
                method = method + "_";
            }
            if (!members.add(method + "()")) {
                skipFunction(function.name(), "name clash", "a method of that name is already defined");
                continue;
            }
            functions++;
            for (CTypeMapping.Mapped param : bindable.params()) {
                if (param.callback() != null && callbacks.putIfAbsent(param.callback().name(), param.callback()) == null) {
                    types.add(param.callback().name());
                }
            }
            methods.append('\n').append(JavaNames.javadoc(function.comment(), INDENT));
            methods.append(INDENT).append("@CFunction(value = \"").append(JavaNames.escape(function.name()))
                .append("\", signature = \"").append(JavaNames.escape(bindable.signature())).append("\")\n");
            methods.append(INDENT).append(bindable.returns().java()).append(' ').append(method).append('(');
            for (int i = 0; i < bindable.params().size(); i++) {
                methods.append(i == 0 ? "" : ", ").append(bindable.params().get(i).java()).append(' ').append(bindable.javaNames().get(i));
            }
            methods.append(");\n");
        }
        for (String variable : header.variables()) {
            skipped.add(variable + " — a global variable: the C bridges call functions only");
        }
        return methods;
    }

    private void callbacks() {
        for (CTypeMapping.Callback callback : callbacks.values()) {
            String name = callback.name();
            body.append('\n').append(JavaNames.javadoc("A C callback: " + callback.returns().c() + " (*)"
                + callback.parameterList() + ".", INDENT));
            body.append(INDENT).append("@FunctionalInterface\n").append(INDENT).append("interface ").append(name).append(" {\n");
            body.append(INDENT).append(INDENT).append(callback.returns().java()).append(" call(");
            for (int i = 0; i < callback.params().size(); i++) {
                body.append(i == 0 ? "" : ", ").append(callback.params().get(i).java()).append(" arg").append(i);
            }
            body.append(");\n").append(INDENT).append("}\n");
        }
    }

    private void records() {
        for (ClangHeader.Record record : header.records()) {
            skipped.add(record.keyword() + " " + (record.name() == null ? "(anonymous)" : record.name())
                + " — its fields are not generated" + (record.bitFields() ? " (it has bit-fields)" : "")
                + ": pass a pointer to one as a MemorySegment");
        }
    }

    private String unique(String type) {
        String name = type;
        for (int i = 2; !types.add(name); i++) {
            name = type + i;
        }
        return name;
    }
}
