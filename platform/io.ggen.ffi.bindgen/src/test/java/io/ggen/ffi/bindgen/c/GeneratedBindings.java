package io.ggen.ffi.bindgen.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.bridge.panama.internal.PanamaCBridge;
import io.ggen.ffi.c.CBinder;
import io.ggen.ffi.memory.testing.TestMemory;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

/**
 * What the tests of generated bindings share: compiling a generated source with the system Java
 * compiler against the test class path, the Panama bridge's {@link CBinder} made outside OSGi, calls
 * by name (the test cannot be compiled against a generated type), and gcc for C of the tests' own.
 */
final class GeneratedBindings {

    private GeneratedBindings() {
    }

    /** Compiles a generated interface and loads it. */
    static Class<?> compile(String source, String qualifiedName, Path folder) throws IOException, ClassNotFoundException {
        Path file = folder.resolve("src").resolve(qualifiedName.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (var files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(messages, files, null,
                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "-Xlint:none", "-proc:none"),
                null, files.getJavaFileObjects(file)).call();
            assertThat(compiled).as("the generated source compiles:\n%s", messages).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, GeneratedBindings.class.getClassLoader());
        return loader.loadClass(qualifiedName);
    }

    /** The Panama bridge's binder, as its own tests make it. */
    static CBinder panama() {
        return new PanamaCBridge(mock(BundleContext.class), new TestMemory(), mock(Logger.class));
    }

    /** The generated interface bound through its own {@code bind(CBinder, String)}. */
    static Object bind(Class<?> api, String library) throws ReflectiveOperationException {
        return api.getMethod("bind", CBinder.class, String.class).invoke(null, panama(), library);
    }

    /** Calls the binding's method of that name. */
    static Object call(Object binding, String name, Object... args) throws Throwable {
        Method method = Arrays.stream(binding.getClass().getInterfaces()[0].getMethods())
            .filter(m -> m.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("the binding has no method " + name));
        try {
            return method.invoke(binding, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A constant of the interface (or of one of its nested classes, {@code Colour.RED}). */
    static Object constant(Class<?> api, String name) throws ReflectiveOperationException {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return api.getField(name).get(null);
        }
        return nested(api, name.substring(0, dot)).getField(name.substring(dot + 1)).get(null);
    }

    static Class<?> nested(Class<?> api, String simpleName) {
        return Arrays.stream(api.getClasses()).filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
            .orElseThrow(() -> new AssertionError(api.getSimpleName() + " has no nested type " + simpleName));
    }

    /** An instance of a generated callback interface whose one method runs {@code body}. */
    static Object callback(Class<?> api, String simpleName, Function<Object[], Object> body) {
        Class<?> type = nested(api, simpleName);
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                    : method.getName().equals("equals") ? proxy == args[0] : type.getSimpleName();
            }
            return body.apply(args);
        });
    }

    /** Runs gcc (or any command) and fails the test with its output when it fails. */
    static void run(Path folder, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(folder.toFile())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s:\n%s", String.join(" ", command), output).isZero();
    }

    /** Runs a command and returns what it printed. */
    static String output(Path folder, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s:\n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
