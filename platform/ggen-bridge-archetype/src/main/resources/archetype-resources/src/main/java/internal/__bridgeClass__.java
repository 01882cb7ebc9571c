package ${package}.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * The bridge for {@value #LANGUAGE}: a small language written in Java, as an example to replace with
 * yours. Every module of it, whatever its source, has five functions: {@code echo(x)} gives x back,
 * {@code upper(s)} upper-cases a string, {@code add(a, b)} adds two integers, {@code fail(message)}
 * raises an error of the language, and {@code spin()} runs until its call is cancelled.
 *
 * <p>The component registers this object as a {@link ForeignBridge} service; the platform's runtime
 * finds it by its properties ({@link BridgeService}), and the highest {@link ServiceRanking} serves
 * the language. Calls reach {@link GuestFunction#call} from many threads at once: keep it safe.
 */
@Component(service = ForeignBridge.class)
@BridgeService(language = "${language}", name = "${bridgeName}")
@ServiceRanking(100)
public final class ${bridgeClass} implements ForeignBridge {

    /** The language id callers name: {@code ggen test-ffi ${language} ...}. */
    static final String LANGUAGE = "${language}";

    /** The functions every module has, sorted: what a missing function's error lists. */
    static final SortedSet<String> FUNCTIONS = Collections.unmodifiableSortedSet(
        new TreeSet<>(Set.of("add", "echo", "fail", "spin", "upper")));

    /**
     * Loads a module: a real bridge compiles {@code spec.source()} here (code, a file's path or a
     * name, see {@link ModuleSpec#kind()}) and throws a {@link ForeignException} for code that does
     * not load. This language takes any source that is not blank.
     */
    @Override
    public GuestModule load(ModuleSpec spec) {
        if (spec.source().isBlank()) {
            throw new ForeignException(LANGUAGE, "SyntaxError", "the module is empty: give it some source");
        }
        return new LoadedModule(spec.describe());
    }

    /** It stops {@code spin} when a call is cancelled, so the runtime may run timed calls on the caller's thread. */
    @Override
    public BridgeCapabilities capabilities() {
        return BridgeCapabilities.of(BridgeCapabilities.CANCELLATION);
    }

    @Override
    public String description() {
        return LANGUAGE + ", an example language written in Java";
    }

    /**
     * A loaded module. A real one holds the language's state (a context, an interpreter, a library)
     * and releases it in {@link #close()}.
     */
    private static final class LoadedModule implements GuestModule {

        private final String source;
        private final AtomicBoolean closed = new AtomicBoolean();

        LoadedModule(String source) {
            this.source = source;
        }

        @Override
        public Set<String> functions() {
            return FUNCTIONS;
        }

        /** Binds a function once; the returned function is called often. */
        @Override
        public GuestFunction function(String name) {
            GuestFunction function = switch (name) {
                case "echo" -> (args, context) -> argument(args, 1, 0);
                case "upper" -> (args, context) -> ForeignValue.of(string(argument(args, 1, 0)).toUpperCase(Locale.ROOT));
                case "add" -> (args, context) -> add(integer(argument(args, 2, 0)), integer(argument(args, 2, 1)));
                case "fail" -> (args, context) -> {
                    // An error of the language: its type, its message and its stack, innermost frame first.
                    throw new ForeignException(LANGUAGE, "UserError", string(argument(args, 1, 0)),
                        List.of(new ForeignFrame("fail", source, 1, 1)), null);
                };
                case "spin" -> (args, context) -> spin(context);
                default -> throw new NoSuchFunctionException(LANGUAGE, "no function " + name + " in " + source
                    + "; there are: " + String.join(", ", FUNCTIONS));
            };
            return (args, context) -> {
                if (closed.get()) {
                    throw new ForeignException(LANGUAGE, "ModuleClosed", "the module " + source
                        + " is closed: load it again to call " + name);
                }
                return function.call(args, context);
            };
        }

        /** Idempotent; calls after it fail with ModuleClosed. */
        @Override
        public void close() {
            closed.set(true);
        }
    }

    /**
     * Runs until the call is cancelled (by its timeout or its caller). A real runtime registers how to
     * stop the guest with {@code context.onCancel(...)} (interrupt it, signal the worker) and throws
     * when it stops; this loop just looks at the flag.
     */
    private static ForeignValue spin(CallContext context) {
        while (!context.isCancelled()) {
            Thread.onSpinWait();
        }
        throw new ForeignCancellationException(LANGUAGE, "spin was cancelled");
    }

    private static ForeignValue add(long a, long b) {
        try {
            return ForeignValue.of(Math.addExact(a, b));
        } catch (ArithmeticException e) {
            throw new ForeignException(LANGUAGE, "OverflowError", a + " + " + b + " does not fit 64 bits", List.of(), e);
        }
    }

    /** The argument at {@code index} of a function that takes {@code count}; a wrong count is the caller's mistake. */
    private static ForeignValue argument(List<ForeignValue> args, int count, int index) {
        if (args.size() != count) {
            throw new ForeignArgumentException(LANGUAGE, "expected " + count + " argument(s), got " + args.size());
        }
        return args.get(index);
    }

    private static String string(ForeignValue value) {
        if (value instanceof ForeignValue.StringValue s) {
            return s.value();
        }
        throw new ForeignArgumentException(LANGUAGE, "expected a string, got " + value);
    }

    private static long integer(ForeignValue value) {
        if (value instanceof ForeignValue.IntValue i) {
            return i.value();
        }
        throw new ForeignArgumentException(LANGUAGE, "expected an integer, got " + value);
    }
}
