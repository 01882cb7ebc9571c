package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** Real worker processes for the unit tests: the Python SDK's, and raw-frame scripts that misbehave. */
final class TestWorkers {

    /** sdk/python of the repository (the surefire configuration passes it). */
    static final Path SDK = Path.of(System.getProperty("ggen.sdk.python", "../../sdk/python")).toAbsolutePath().normalize();

    /** The test worker scripts, as copied to target/test-classes/workers. */
    static final Path WORKERS;

    static {
        try {
            WORKERS = Path.of(TestWorkers.class.getResource("/workers/sdk_worker.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Quick restarts and short graces, so failures are tested in little time. */
    static final WorkerDefaults FAST = new WorkerDefaults(1, Duration.ofSeconds(10), Duration.ZERO, 5,
        Duration.ofMillis(50), 64 * 1024 * 1024, Duration.ofSeconds(1), Duration.ofMillis(500));

    private TestWorkers() {
    }

    /** A module spec that runs the script with python3, the SDK on its path, in the workers folder. */
    static ModuleSpec spec(String language, String script) {
        return ModuleSpec.named(language, "python3 -u '" + WORKERS.resolve(script) + "'")
            .withOption("env.PYTHONPATH", SDK + ":" + WORKERS)
            .withOption(WorkerSettings.WORKING_DIR, WORKERS.toString());
    }

    static ModuleSpec sdkWorker() {
        return spec("cpython", "sdk_worker.py");
    }

    /** {@link TestCallContext#call} with integer arguments. */
    static ForeignValue call(GuestModule module, String function, long first, long... more) {
        return TestCallContext.call(module, function, java.util.stream.LongStream.concat(java.util.stream.LongStream.of(first),
            java.util.Arrays.stream(more)).mapToObj(ForeignValue::of).toArray(ForeignValue[]::new));
    }

    /** The worker processes of a module's pool now. */
    static List<ProcessHandle> processes(GuestModule module) {
        return ((RpcModule) module).pool().processes();
    }

    /** Waits until none of the processes is alive; whether they all ended in time. */
    static boolean allDead(List<ProcessHandle> processes, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(20);
        }
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** A Logger that keeps every message ({@code LEVEL text}, arguments filled in) and drops debug ones. */
    static final class RecordingLogger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getName" -> "test";
                case "toString" -> "RecordingLogger";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "info", "warn", "error" -> {
                    lines.add(method.getName().toUpperCase() + " " + format(args));
                    yield null;
                }
                default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
            });

        private static String format(Object[] args) {
            String text = String.valueOf(args[0]);
            Object[] values = args.length == 2 && args[1] instanceof Object[] a ? a
                : java.util.Arrays.copyOfRange(args, 1, args.length);
            StringBuilder out = new StringBuilder();
            int next = 0;
            int from = 0;
            for (int at = text.indexOf("{}"); at >= 0; at = text.indexOf("{}", from)) {
                out.append(text, from, at).append(next < values.length ? values[next++] : "{}");
                from = at + 2;
            }
            out.append(text.substring(from));
            for (; next < values.length; next++) {
                if (values[next] instanceof Throwable t) {
                    out.append(" [").append(t.getMessage()).append(" at ");
                    for (StackTraceElement e : t.getStackTrace()) {
                        out.append(e).append(' ');
                    }
                    out.append(']');
                }
            }
            return out.toString();
        }

        boolean has(String fragment) {
            return lines.stream().anyMatch(l -> l.contains(fragment));
        }

        /** Waits up to {@code wait} for a line with the fragment (logging may trail what it reports). */
        boolean await(String fragment, Duration wait) throws InterruptedException {
            return await(fragment, 1, wait);
        }

        /** Waits up to {@code wait} for {@code count} lines with the fragment. */
        boolean await(String fragment, int count, Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (count(fragment) < count && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            return count(fragment) >= count;
        }

        private long count(String fragment) {
            return lines.stream().filter(l -> l.contains(fragment)).count();
        }
    }
}
