package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.graalvm.polyglot.Engine;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One Java stack trace for an error that crosses languages: what the Java caller catches holds every
 * language's frames, in call order down the cause chain (JavaScript, the Java code it called, the
 * Python that code called), or a worker's frames on top of the caller's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ErrorsAcrossLanguagesIT extends PlatformTestSupport {

    private static final Path SDK = Path.of("../../sdk").toAbsolutePath().normalize();
    private static final Path WORKERS = Path.of("src/test/resources/workers").toAbsolutePath();

    /** The Java code JavaScript calls (a class it looks up): it checks a number with a Python function. */
    public static final class Checks {

        static volatile ForeignFunction python;

        private Checks() {
        }

        public static long check(long n) {
            return ((Number) python.call(n)).longValue();
        }
    }

    /**
     * What Java.type may find: GraalVM's own classes through their loader, as when the bridge makes
     * contexts itself, and {@link Checks}.
     */
    private static final class ChecksLoader extends ClassLoader {

        ChecksLoader() {
            super(Engine.class.getClassLoader());
        }

        /** {@link Checks} first: the test classes are on the class path too, in another copy. */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return Checks.class.getName().equals(name) ? Checks.class : super.loadClass(name, resolve);
        }
    }

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    /** The platform, the JavaScript and Python bridges and the worker bridge. */
    @Override
    @Configuration
    public Option[] config() {
        return combine(combine(super.config(), ggen(PY_BRIDGE)), rpcBridge());
    }

    @Test
    public void javaScriptCallingJavaCallingPythonGivesTheirFramesInCallOrder() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(JS_BRIDGE, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("allow.host.access", true);
        configuration.update(properties);
        // Java.type finds classes through the context class loader of the thread that makes the module's context
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ChecksLoader());
        try (ForeignModule py = runtime.load(ModuleSpec.code("python", """
                def check(n):
                    if n < 0:
                        raise ValueError('negative: %d' % n)
                    return n
                """))) {
            Checks.python = py.function("check");
            String js = """
                function total(a, b) {
                  const Checks = Java.type('%s');
                  return Checks.check(a) + Checks.check(b);
                }
                """.formatted(Checks.class.getName());
            Object sum = withHostAccess(js, module -> module.call("total", 1, 2));
            assertThat(sum).isEqualTo(3L);

            ForeignException e = withHostAccess(js, module ->
                catchThrowableOfType(ForeignException.class, () -> module.call("total", 1, -3)));

            assertThat(e.language()).isEqualTo("javascript");
            assertThat(e.getMessage()).contains("[javascript]").contains("[python] ValueError: negative: -3");
            List<String> trace = trace(e);
            int javaScript = trace.indexOf("<javascript>.total");
            int java = trace.indexOf(Checks.class.getName() + ".check");
            int python = trace.indexOf("<python>.check");
            assertThat(javaScript).as("the JavaScript function's frame in " + trace).isNotNegative();
            assertThat(java).as("the Java callback's frame after the JavaScript function's in " + trace)
                .isGreaterThan(javaScript);
            assertThat(python).as("the Python function's frame after the Java callback's in " + trace)
                .isGreaterThan(java);
            assertThat(causes(e)).anySatisfy(cause -> {
                assertThat(cause.language()).isEqualTo("python");
                assertThat(cause.foreignType()).isEqualTo("ValueError");
                assertThat(cause.foreignMessage()).isEqualTo("negative: -3");
                assertThat(cause.getStackTrace()[0]).extracting(StackTraceElement::getClassName,
                    StackTraceElement::getMethodName, StackTraceElement::getLineNumber)
                    .containsExactly("<python>", "check", 3);
            });
        } finally {
            thread.setContextClassLoader(previous);
            Checks.python = null;
            configuration.delete();
        }
    }

    @Test
    public void aCPythonWorkersErrorHasItsFramesOnTopOfTheCallers() {
        ModuleSpec spec = ModuleSpec.named("cpython", "python3 " + WORKERS.resolve("failing_worker.py"))
            .withOption("env.GGEN_SDK_PYTHON", SDK.resolve("python").toString());
        assertWorkerFramesOnTop(spec, "<cpython>", "ValueError");
    }

    @Test
    public void aNodeWorkersErrorHasItsFramesOnTopOfTheCallers() {
        ModuleSpec spec = ModuleSpec.named("node", "node " + WORKERS.resolve("failing-worker.js"))
            .withOption("env.GGEN_SDK_NODE", SDK.resolve("node/ggen-worker.js").toString());
        assertWorkerFramesOnTop(spec, "<node>", "RangeError");
    }

    private void assertWorkerFramesOnTop(ModuleSpec spec, String frameClass, String type) {
        try (ForeignModule worker = runtime.load(spec)) {
            ForeignException e = catchThrowableOfType(ForeignException.class, () -> callTotal(worker));

            assertThat(e.foreignType()).isEqualTo(type);
            assertThat(e.foreignMessage()).isEqualTo("negative: -3");
            assertThat(e.getCause()).as("one stack trace").isNull();
            assertThat(e.getStackTrace()).extracting(StackTraceElement::getClassName, StackTraceElement::getMethodName)
                .startsWith(tuple(frameClass, "check"), tuple(frameClass, "total"));
            assertThat(trace(e)).containsSubsequence(frameClass + ".check", frameClass + ".total",
                ErrorsAcrossLanguagesIT.class.getName() + ".callTotal");
        }
    }

    private static Object callTotal(ForeignModule worker) {
        return worker.call("total", -3);
    }

    private interface ModuleCall<T> {
        T call(ForeignModule module);
    }

    /**
     * Loads the JavaScript module and calls it once the bridge has host access: the bridge is re-created
     * asynchronously after its configuration changed (for a moment the old one, or none, answers).
     */
    private <T> T withHostAccess(String code, ModuleCall<T> call) {
        AtomicReference<ForeignException> refused = new AtomicReference<>();
        Callable<T> attempt = () -> {
            try (ForeignModule module = runtime.load(ModuleSpec.code("javascript", code))) {
                module.call("total", 0, 0);   // refused while the bridge has no host access yet
                return call.call(module);
            } catch (ForeignException e) {
                refused.set(e);
                return null;
            }
        };
        try {
            return await("the JavaScript bridge with host access").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(attempt, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("JavaScript never got host access: " + refused.get(), refused.get());
        }
    }

    /** The exception and its causes that are {@link ForeignException}s. */
    private static List<ForeignException> causes(Throwable e) {
        List<ForeignException> causes = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ForeignException f) {
                causes.add(f);
            }
        }
        return causes;
    }

    /** Every frame of the exception and its causes in the order printed, {@code class.method}. */
    private static List<String> trace(Throwable e) {
        List<String> frames = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                frames.add(frame.getClassName() + "." + frame.getMethodName());
            }
        }
        return frames;
    }
}
