package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * {@code ggen bindgen} end to end, in a real Felix: the command (the shell's {@code ggen.cli=main}
 * service) writes the interface of a type-hinted Python module, of a JavaScript module described by
 * a {@code .d.ts}, of Go, CPython and Node workers on the repository's SDKs, and of a WebAssembly
 * module; the test compiles it, loads it next to the API, binds it with {@link ForeignModule#bind(Class)}
 * and calls it. Every module but the WebAssembly one has the same five functions: add two ints, a
 * string with an optional count, a list, a map and an optional result.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BindgenIT extends PlatformTestSupport {

    private static final Path RESOURCES = Path.of("src/test/resources/bindgen").toAbsolutePath();
    private static final Path SDK = Path.of("../../sdk").toAbsolutePath().normalize();

    @Inject
    ForeignRuntime runtime;

    @Inject
    @Filter("(ggen.cli=main)")
    Function<String[], Integer> ggen;

    /** The platform, the Python bridge, the RPC bridge and the WebAssembly bridge. */
    @Override
    @Configuration
    public Option[] config() {
        return combine(combine(super.config(), ggen(PY_BRIDGE), ggen("io.ggen.ffi.bridge.wasm")), rpcBridge());
    }

    /** A type-hinted module with a wrong binding: a missing function, a wrong parameter count. */
    interface Missing {
        long subtract(long a, long b);
    }

    interface TooFewArguments {
        long add(long a);
    }

    @Test
    public void aTypeHintedPythonModule() throws Exception {
        Class<?> api = generate("python", "TypedMath", "--module", "typed_math", "--python-path", RESOURCES.toString());
        ModuleSpec spec = ((ModuleSpec) api.getMethod("spec").invoke(null)).withOption("python-path", RESOURCES.toString());
        try (ForeignModule module = runtime.load(spec)) {
            callsReturnTypedValues(api, module, true);
            assertThatThrownBy(() -> module.bind(Missing.class)).isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("subtract");
            assertThatThrownBy(() -> module.bind(TooFewArguments.class)).isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("passes 1 argument").hasMessageContaining("add(a: int, b: int) -> int");
        }
    }

    @Test
    public void aJavaScriptModuleDescribedByTypeScriptDeclarations() throws Exception {
        Class<?> api = generate("javascript", "TypedMath", "--file", RESOURCES.resolve("typed_math.d.ts").toString());
        assertThat(api.getField("SOURCE").get(null)).isEqualTo(RESOURCES.resolve("typed_math.js").toString());
        try (ForeignModule module = runtime.load((ModuleSpec) api.getMethod("spec").invoke(null))) {
            callsReturnTypedValues(api, module, true);
        }
    }

    @Test
    public void aCPythonWorker() throws Exception {
        String worker = "python3 " + RESOURCES.resolve("typed_worker.py");
        String sdk = "env.GGEN_SDK_PYTHON=" + SDK.resolve("python");
        Class<?> api = generate("cpython", "TypedWorker", "--worker", worker, "--option", sdk);
        try (ForeignModule module = runtime.load(ModuleSpec.named("cpython", worker)
                .withOption("env.GGEN_SDK_PYTHON", SDK.resolve("python").toString()))) {
            callsReturnTypedValues(api, module, true);
        }
    }

    @Test
    public void aGoWorker() throws Exception {
        Path binary = Files.createTempDirectory("ggen-bindgen-go").resolve("typed-worker");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(RESOURCES.resolve("go").toFile()).redirectErrorStream(true);
        build.environment().put("GOPROXY", "off");
        build.environment().put("GOFLAGS", "-mod=mod");
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("go build: %s", output).isZero();
        Class<?> api = generate("go", "TypedWorker", "--worker", binary.toString());
        try (ForeignModule module = runtime.load(ModuleSpec.named("go", binary.toString()))) {
            callsReturnTypedValues(api, module, false);
        }
    }

    @Test
    public void aNodeWorker() throws Exception {
        String worker = "node " + RESOURCES.resolve("typed-worker.js");
        ModuleSpec spec = ModuleSpec.named("node", worker).withOption("env.GGEN_SDK_NODE", SDK.resolve("node").toString());
        Class<?> api = generate("node", "TypedWorker", "--worker", worker, "--option",
            "env.GGEN_SDK_NODE=" + SDK.resolve("node"));
        try (ForeignModule module = runtime.load(spec)) {
            callsReturnTypedValues(api, module, true);
        }
    }

    @Test
    public void aWebAssemblyModule() throws Exception {
        Path wat = Path.of("../../examples/wasm/add.wat").toAbsolutePath().normalize();
        Class<?> api = generate("wasm", "Adder", "--file", wat.toString());
        try (ForeignModule module = runtime.load((ModuleSpec) api.getMethod("spec").invoke(null))) {
            Method add = api.getMethod("add", int.class, int.class);
            assertThat(add.getReturnType()).as("i32 is int").isEqualTo(int.class);
            assertThat(add.invoke(module.bind(api), 40, 2)).isEqualTo(42);
        }
    }

    /**
     * The five functions through the binding, by reflection (the interface exists only at run
     * time): typed results, and an overload without the optional count where the language has one.
     */
    private static void callsReturnTypedValues(Class<?> api, ForeignModule module, boolean optionalCount) throws Exception {
        Object binding = module.bind(api);
        Method add = api.getMethod("add", long.class, long.class);
        assertThat(add.getReturnType()).isEqualTo(long.class);
        assertThat(add.invoke(binding, 40L, 2L)).isEqualTo(42L);

        assertThat(api.getMethod("shout", String.class, long.class).invoke(binding, "hi", 2L)).isEqualTo("HI!HI!");
        if (optionalCount) {
            assertThat(api.getMethod("shout", String.class).invoke(binding, "hi")).isEqualTo("HI!");
        }

        Method evens = api.getMethod("evens", List.class);
        assertThat(evens.getGenericReturnType().getTypeName()).isEqualTo("java.util.List<java.lang.Long>");
        assertThat(evens.invoke(binding, List.of(1L, 2L, 3L, 4L))).isEqualTo(List.of(2L, 4L));

        Method doubled = api.getMethod("doubled", Map.class);
        assertThat(doubled.getGenericReturnType().getTypeName())
            .isEqualTo("java.util.Map<java.lang.String, java.lang.Double>");
        assertThat(doubled.invoke(binding, Map.of("x", 1.5, "y", 2.0))).isEqualTo(Map.of("x", 3.0, "y", 4.0));

        Method find = api.getMethod("find", Map.class, String.class);
        assertThat(find.getGenericReturnType().getTypeName()).isEqualTo("java.util.Optional<java.lang.Long>");
        assertThat(find.invoke(binding, Map.of("a", 1L), "a")).isEqualTo(Optional.of(1L));
        assertThat(find.invoke(binding, Map.of("a", 1L), "b")).isEqualTo(Optional.empty());
    }

    /**
     * Runs {@code ggen bindgen LANGUAGE ARGS --package P --output DIR --name NAME}, compiles the file
     * it wrote against the API bundle's classes and loads it in a class loader whose parent is the
     * API's.
     */
    private Class<?> generate(String language, String name, String... args) throws Exception {
        Path folder = Files.createTempDirectory("ggen-bindgen-it");
        String packageName = "org.acme.gen." + language;
        String[] command = Stream.concat(Stream.concat(Stream.of("bindgen", language), Stream.of(args)),
            Stream.of("--package", packageName, "--output", folder.resolve("src").toString(), "--name", name))
            .toArray(String[]::new);
        assertThat(ggen.apply(command)).as("ggen %s", String.join(" ", command)).isZero();
        Path source = folder.resolve("src").resolve(packageName.replace('.', '/')).resolve(name + ".java");
        assertThat(source).exists();

        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            boolean compiled = compiler.getTask(messages, files, null,
                List.of("-classpath", apiClasses(folder).toString(), "-d", classes.toString(), "-proc:none"), null,
                files.getJavaFileObjectsFromPaths(List.of(source))).call();
            assertThat(compiled).as("%s does not compile:%n%s%n%s", source, messages, Files.readString(source)).isTrue();
        }
        ClassLoader parent = ForeignModule.class.getClassLoader();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent).loadClass(packageName + "." + name);
    }

    /** The API bundle's classes, copied out of it: what generated code compiles against. */
    private static Path apiClasses(Path folder) throws Exception {
        Path classes = folder.resolve("api");
        Bundle api = FrameworkUtil.getBundle(ForeignModule.class);
        Enumeration<URL> entries = api.findEntries("io/ggen/ffi/api", "*.class", true);
        for (URL entry : entries == null ? List.<URL>of() : java.util.Collections.list(entries)) {
            Path target = classes.resolve(entry.getPath().substring(1));
            Files.createDirectories(target.getParent());
            try (InputStream in = entry.openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return classes;
    }
}
