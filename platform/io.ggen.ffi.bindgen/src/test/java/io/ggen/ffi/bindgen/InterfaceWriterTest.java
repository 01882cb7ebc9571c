package io.ggen.ffi.bindgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ggen.ffi.api.ForeignCall;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.FunctionSignature.Parameter;
import io.ggen.ffi.api.ModuleSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterfaceWriterTest {

    @TempDir
    Path folder;

    private static FunctionSignature function(String name, String result, Parameter... parameters) {
        return new FunctionSignature(name, List.of(parameters), result, "", false);
    }

    private static Parameter parameter(String name, String type) {
        return new Parameter(name, type, false);
    }

    private static GeneratedInterface write(String name, ModuleSpec module, FunctionSignature... functions) {
        return new InterfaceWriter("org.acme.gen", name, module, "ggen bindgen test").write(List.of(functions));
    }

    private static List<Method> methods(Class<?> api, String name) {
        return Arrays.stream(api.getDeclaredMethods()).filter(m -> m.getName().equals(name))
            .sorted(Comparator.comparingInt(Method::getParameterCount)).toList();
    }

    @Test
    void everyNeutralTypeCompilesToItsJavaType() throws Exception {
        GeneratedInterface generated = write("math_utils", ModuleSpec.named("python", "math_utils"),
            function("add", "int", parameter("a", "int"), parameter("b", "int")),
            function("scale", "float32", parameter("x", "float32"), parameter("by", "int32")),
            function("big", "bigint", parameter("n", "bigint")),
            function("words", "list<string>", parameter("text", "string"), parameter("flags", "map<bool>")),
            function("lookup", "optional<float>", parameter("key", "optional<string>")),
            function("raw", "bytes", parameter("data", "bytes"), parameter("owner", "handle")),
            function("nested", "map<list<optional<int>>>", parameter("anything", "any")),
            function("reset", "null"));
        assertThat(generated.summary()).isEqualTo("8 functions");
        Class<?> api = JavaCompilation.compile(folder, generated).loadClass("org.acme.gen.MathUtils");

        assertThat(api.isInterface()).isTrue();
        assertThat(api.getField("LANGUAGE").get(null)).isEqualTo("python");
        assertThat(api.getField("SOURCE").get(null)).isEqualTo("math_utils");
        assertThat(api.getMethod("spec").invoke(null)).isEqualTo(ModuleSpec.named("python", "math_utils"));
        assertThat(api.getMethod("add", long.class, long.class).getReturnType()).isEqualTo(long.class);
        assertThat(api.getMethod("scale", float.class, int.class).getReturnType()).isEqualTo(float.class);
        assertThat(api.getMethod("big", java.math.BigInteger.class).getReturnType()).isEqualTo(java.math.BigInteger.class);
        assertThat(api.getMethod("words", String.class, java.util.Map.class).getGenericReturnType().getTypeName())
            .isEqualTo("java.util.List<java.lang.String>");
        assertThat(api.getMethod("words", String.class, java.util.Map.class).getGenericParameterTypes()[1].getTypeName())
            .isEqualTo("java.util.Map<java.lang.String, java.lang.Boolean>");
        assertThat(api.getMethod("lookup", String.class).getGenericReturnType().getTypeName())
            .isEqualTo("java.util.Optional<java.lang.Double>");
        assertThat(api.getMethod("raw", byte[].class, io.ggen.ffi.api.ForeignHandle.class).getReturnType())
            .isEqualTo(byte[].class);
        assertThat(api.getMethod("nested", Object.class).getGenericReturnType().getTypeName())
            .isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Long>>");
        assertThat(api.getMethod("reset").getReturnType()).isEqualTo(void.class);
        assertThat(Arrays.stream(api.getDeclaredMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())))
            .allMatch(m -> Modifier.isAbstract(m.getModifiers()) && m.getAnnotation(ForeignCall.class) == null);
    }

    @Test
    void trailingOptionalParametersGiveAnOverloadPerNumberOfArguments() throws Exception {
        FunctionSignature greet = new FunctionSignature("greet", List.of(parameter("name", "string"),
            new Parameter("greeting", "string", true), new Parameter("times", "int", true)), "string", "Greets.", false);
        FunctionSignature middle = new FunctionSignature("middle", List.of(new Parameter("a", "int", true),
            parameter("b", "int")), "int", "", false);
        Class<?> api = JavaCompilation.compile(folder, write("Greeter", ModuleSpec.file("javascript", Path.of("greet.js")),
            greet, middle)).loadClass("org.acme.gen.Greeter");

        assertThat(methods(api, "greet")).extracting(Method::getParameterCount).containsExactly(1, 2, 3);
        assertThat(methods(api, "middle")).as("an optional parameter before a required one is given")
            .extracting(Method::getParameterCount).containsExactly(2);
        assertThat(api.getMethod("spec").invoke(null)).isEqualTo(ModuleSpec.file("javascript", Path.of("greet.js")));
    }

    @Test
    void namesThatAreNotJavaMethodNamesAreEscapedAndCallTheRealName() throws Exception {
        GeneratedInterface generated = write("odd names", ModuleSpec.named("rpc", "python3 worker.py"),
            function("class", "int"), function("my-func", "int"), function("toString", "string"),
            function("spec", "string"), function("2fast", "int"), function("plain", "int"));
        Class<?> api = JavaCompilation.compile(folder, generated).loadClass("org.acme.gen.OddNames");

        assertThat(Arrays.stream(api.getDeclaredMethods()).filter(m -> Modifier.isAbstract(m.getModifiers()))
            .collect(java.util.stream.Collectors.toMap(Method::getName,
                m -> m.getAnnotation(ForeignCall.class) == null ? "" : m.getAnnotation(ForeignCall.class).value())))
            .containsOnly(entry("class_", "class"), entry("my_func", "my-func"), entry("toString_", "toString"),
                entry("spec_", "spec"), entry("_2fast", "2fast"), entry("plain", ""));
    }

    @Test
    void aFunctionIsLeftOutForATypeItCannotNameOrAMethodThatWouldClash() throws Exception {
        GeneratedInterface generated = write("Skips", ModuleSpec.named("python", "m"),
            function("a_b", "int", parameter("x", "int")), function("a-b", "int", parameter("y", "int")),
            function("a.b", "int", parameter("s", "string")), function("point", "struct Point"),
            function("other", "int", parameter("p", "tuple<int>")));
        assertThat(generated.functions()).isEqualTo(2);
        assertThat(generated.skipped()).containsExactly(entry(InterfaceWriter.NAME_CLASH, 1),
            entry(InterfaceWriter.UNKNOWN_TYPE, 2));
        assertThat(generated.summary()).isEqualTo("2 functions, 3 skipped (name clash: 1, unknown type: 2)");
        Class<?> api = JavaCompilation.compile(folder, generated).loadClass("org.acme.gen.Skips");
        assertThat(methods(api, "a_b")).extracting(Method::getParameterCount).containsExactly(1, 1);
    }

    @Test
    void commentsAndNamesCannotBreakTheSource() throws Exception {
        FunctionSignature nasty = new FunctionSignature("f", List.of(parameter("int", "int"), parameter("a b", "int"),
            parameter("a_b", "int")), "string", "Ends */ a comment, @param x, <b>html</b> and \\u0022 a quote.\n\nSecond.",
            true);
        GeneratedInterface generated = write("Nasty", ModuleSpec.file("python", Path.of("dir \"quoted\"\\x.py")), nasty);
        Class<?> api = JavaCompilation.compile(folder, generated).loadClass("org.acme.gen.Nasty");

        assertThat(api.getField("SOURCE").get(null)).isEqualTo(Path.of("dir \"quoted\"\\x.py").toAbsolutePath().toString());
        assertThat(api.getMethod("f", long.class, long.class, long.class).getParameters())
            .extracting(java.lang.reflect.Parameter::getName).hasSize(3);
        assertThat(generated.source()).contains("*&#47;", "&#64;param", "&lt;b&gt;", "takes more arguments");
    }

    @Test
    void writesTheSourceUnderItsPackageFolder() throws Exception {
        GeneratedInterface generated = write("zlib", ModuleSpec.named("c", "z"), function("zlibVersion", "string"));
        Path file = generated.writeTo(folder);
        assertThat(file).isEqualTo(folder.resolve("org/acme/gen/Zlib.java"));
        assertThat(Files.readString(file)).isEqualTo(generated.source()).contains("@javax.annotation.processing.Generated");
    }
}
