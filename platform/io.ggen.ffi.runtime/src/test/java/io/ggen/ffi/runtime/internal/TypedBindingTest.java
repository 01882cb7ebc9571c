package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCall;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.FunctionSignature.Parameter;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.convert.internal.StandardValueConverter;
import java.lang.invoke.MethodHandles;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** Typed bindings ({@link ForeignModule#bind}) to a bridge whose module tells its signatures. */
class TypedBindingTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(new StandardValueConverter(), mock(Logger.class));
    /** Function look-ups the bridge was asked for, and calls it ran. */
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private ForeignModule module;

    record Point(long x, long y) {
    }

    record Pair(long a, long b) {
    }

    interface Calculator {
        long add(long a, long b);

        @ForeignCall("add")
        int addInts(int a, int b);

        @ForeignCall("echo")
        Point mirror(Point point);

        @ForeignCall("echo")
        List<Long> longs(List<Long> values);

        @ForeignCall("echo")
        Map<String, Long> table(Map<String, Long> values);

        @ForeignCall("echo")
        Optional<String> maybe(Optional<String> value);

        @ForeignCall("echo")
        byte[] bytes(byte[] value);

        @ForeignCall("echo")
        BigInteger big(BigInteger value);

        @ForeignCall("echo")
        void discard(String value);

        /** A variadic function takes any number. */
        long sum(long a, long b, long c);

        default long twice(long a) {
            return add(a, a);
        }
    }

    public interface Async {
        @ForeignCall("add")
        CompletableFuture<Long> add(long a, long b);

        @ForeignCall(value = "spin", timeoutMillis = 100)
        CompletableFuture<Void> spin();
    }

    interface Batches {
        @ForeignCall(value = "add", batch = true)
        List<Long> addAll(List<Pair> pairs);

        @ForeignCall(value = "fail", batch = true)
        List<String> check(List<String> values);
    }

    interface Options {
        @ForeignCall(value = "options", pure = true, timeoutMillis = 5000, batchWindowMillis = 3)
        Map<String, String> all();

        @ForeignCall(value = "options")
        Map<String, String> none();

        @ForeignCall(value = "spin", timeoutMillis = 100)
        void spin();
    }

    @BeforeEach
    void start() {
        add(new SignedBridge());
        module = runtime.load(ModuleSpec.code("typed", "whatever"));
    }

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    @Test
    void aBindingCallsTheFunctionsWithConvertedArgumentsAndResults() {
        Calculator calculator = module.bind(Calculator.class);

        assertThat(calculator.add(40, 2)).isEqualTo(42L);
        assertThat(calculator.addInts(-1, -2)).isEqualTo(-3);
        assertThat(calculator.mirror(new Point(1, 2))).isEqualTo(new Point(1, 2));
        assertThat(calculator.longs(List.of(1L, 2L))).containsExactly(1L, 2L);
        assertThat(calculator.table(Map.of("a", 1L))).containsExactly(Map.entry("a", 1L));
        assertThat(calculator.maybe(Optional.empty())).isEmpty();
        assertThat(calculator.maybe(Optional.of("x"))).contains("x");
        assertThat(calculator.bytes(new byte[] {1, 2})).containsExactly(1, 2);
        BigInteger huge = BigInteger.TWO.pow(100);
        assertThat(calculator.big(huge)).isEqualTo(huge);
        calculator.discard("ignored");
        assertThat(calculator.sum(1, 2, 3)).isEqualTo(6L);
        assertThat(calculator.twice(21)).isEqualTo(42L);
    }

    @Test
    void functionsAreLookedUpOnceWhenBound() {
        Calculator calculator = module.bind(Calculator.class);
        int bound = lookups.get();

        for (int i = 0; i < 5; i++) {
            calculator.add(i, i);
        }

        assertThat(lookups.get()).isEqualTo(bound);
        assertThat(calls.get()).isEqualTo(5);
    }

    @Test
    void aFutureResultCallsAsynchronouslyAndConvertsTheResult() throws Exception {
        Async async = module.bind(MethodHandles.lookup(), Async.class);

        assertThat(async.add(40, 2).get(5, TimeUnit.SECONDS)).isEqualTo(42L);
        assertThatThrownBy(() -> async.spin().get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ForeignTimeoutException.class);
    }

    @Test
    void aBatchMethodMakesOneBatchWithARecordsComponentsAsArguments() {
        Batches batches = module.bind(Batches.class);

        assertThat(batches.addAll(List.of(new Pair(1, 2), new Pair(3, 4), new Pair(5, 6)))).containsExactly(3L, 7L, 11L);
        assertThat(batches.check(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void aFailedItemOfABatchIsThrownOnceEveryItemRan() {
        Batches batches = module.bind(Batches.class);
        int before = calls.get();

        assertThatThrownBy(() -> batches.check(List.of("a", "bad", "c", "bad")))
            .isInstanceOf(ForeignException.class).hasMessageContaining("bad item");

        assertThat(calls.get() - before).isEqualTo(4);
    }

    @Test
    void theAnnotationGivesTheCallOptions() {
        Options options = module.bind(Options.class);

        assertThat(options.all()).containsEntry("cache.pure", "true").containsEntry("batch.window.ms", "3")
            .containsEntry("timeout", "PT5S");
        assertThat(options.none()).isEmpty();
        assertThatThrownBy(options::spin).isInstanceOf(ForeignTimeoutException.class).hasMessageContaining("100ms");
    }

    @Test
    void aMissingFunctionFailsAtBindAndNamesWhatTheModuleHas() {
        interface Wrong {
            long subtract(long a, long b);
        }
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), Wrong.class))
            .isInstanceOf(NoSuchFunctionException.class)
            .hasMessageContaining("Wrong.subtract")
            .hasMessageContaining("add, echo, fail, options, spin, sum");
    }

    @Test
    void anArgumentCountTheSignatureRulesOutFailsAtBind() {
        interface TooMany {
            long add(long a, long b, long c);
        }
        interface TooFewPerBatchItem {
            @ForeignCall(value = "add", batch = true)
            List<Long> add(List<Long> values);
        }
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), TooMany.class))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("TooMany.add passes 3 arguments but the function is add(a: int, b: int) -> int");
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), TooFewPerBatchItem.class))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("passes 1 argument per call but the function is add(a: int, b: int) -> int");
    }

    @Test
    void whatCannotBeMappedIsRefusedNamingTheMethod() {
        abstract static class NotAnInterface {
        }
        interface BadBatch {
            @ForeignCall(value = "echo", batch = true)
            List<Long> echo(long a, long b);
        }
        interface BadTimeout {
            @ForeignCall(timeoutMillis = -1)
            long add(long a, long b);
        }
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), NotAnInterface.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an interface");
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), BadBatch.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BadBatch.echo cannot be bound");
        assertThatThrownBy(() -> module.bind(MethodHandles.lookup(), BadTimeout.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BadTimeout.add cannot be bound");
    }

    @Test
    void aConversionFailureNamesTheMethodAndWhere() {
        interface Strict {
            @ForeignCall("echo")
            List<Long> longs(List<Object> values);
        }
        Strict strict = module.bind(MethodHandles.lookup(), Strict.class);

        assertThatThrownBy(() -> strict.longs(List.of(1L, "two")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("Strict.longs, result: at [1]: cannot convert the string \"two\" to java.lang.Long");
        assertThatThrownBy(() -> strict.longs(List.of(new Object())))
            .hasMessageContaining("Strict.longs, argument 0: at [0]: no conversion to a foreign value");
    }

    @Test
    void aLookupWithoutFullPrivilegeStillDefinesTheBinding() {
        MethodHandles.Lookup packageOnly = MethodHandles.lookup().dropLookupMode(MethodHandles.Lookup.PRIVATE);
        assertThat(packageOnly.hasFullPrivilegeAccess()).isFalse();

        Calculator calculator = module.bind(packageOnly, Calculator.class);

        assertThat(calculator.add(1, 2)).isEqualTo(3L);
        assertThat(module.bind(packageOnly, Calculator.class).add(2, 2)).isEqualTo(4L);
    }

    @Test
    void callsAfterTheModuleClosedFailAsTheModulesCallsDo() {
        Calculator calculator = module.bind(Calculator.class);
        module.close();

        assertThatThrownBy(() -> calculator.add(1, 2)).isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("is closed");
    }

    @Test
    void theModulesSignaturesAreTheGuestModules() {
        assertThat(module.signatures()).extracting(FunctionSignature::name).containsExactly("add", "echo", "sum", "options");
    }

    // ---- the bridge -------------------------------------------------------------------------

    private void add(ForeignBridge bridge) {
        runtime.addBridge(bridge, BridgeReferences.reference("test.bridge.typed", "typed", "typed", 1L));
    }

    /**
     * Functions: {@code add} (two integers), {@code sum} (any number), {@code echo}, {@code options}
     * (the call's options as a map), {@code spin} (until cancelled), {@code fail} (its argument, or an
     * error for {@code "bad"}). All but {@code spin} and {@code fail} have signatures.
     */
    private final class SignedBridge implements ForeignBridge {
        @Override
        public GuestModule load(ModuleSpec spec) {
            return new GuestModule() {
                @Override
                public Set<String> functions() {
                    return Set.of("add", "sum", "echo", "options", "spin", "fail");
                }

                @Override
                public List<FunctionSignature> signatures() {
                    Parameter a = new Parameter("a", "int", false);
                    Parameter b = new Parameter("b", "int", false);
                    return List.of(new FunctionSignature("add", List.of(a, b), "int", "", false),
                        new FunctionSignature("echo", List.of(new Parameter("value", "any", false)), "any", "", false),
                        new FunctionSignature("sum", List.of(), "int", "", true),
                        new FunctionSignature("options", List.of(), "map<string>", "", false));
                }

                @Override
                public GuestFunction function(String name) {
                    lookups.incrementAndGet();
                    GuestFunction function = switch (name) {
                        case "add" -> (args, ctx) -> ForeignValue.of(integer(args.get(0)) + integer(args.get(1)));
                        case "sum" -> (args, ctx) -> ForeignValue.of(args.stream().mapToLong(TypedBindingTest::integer).sum());
                        case "echo" -> (args, ctx) -> args.getFirst();
                        case "options" -> (args, ctx) -> options(ctx);
                        case "fail" -> (args, ctx) -> {
                            if (args.getFirst().equals(ForeignValue.of("bad"))) {
                                throw new ForeignException("typed", "ValueError", "bad item");
                            }
                            return args.getFirst();
                        };
                        case "spin" -> (args, ctx) -> spin(ctx);
                        default -> throw new NoSuchFunctionException("typed", "no function " + name);
                    };
                    return (args, ctx) -> {
                        calls.incrementAndGet();
                        return function.call(args, ctx);
                    };
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static long integer(ForeignValue value) {
        return ((ForeignValue.IntValue) value).value();
    }

    private static ForeignValue options(CallContext context) {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        context.options().attributes().forEach((k, v) -> entries.put(ForeignValue.of(k), ForeignValue.of(v)));
        context.options().timeout().ifPresent(t -> entries.put(ForeignValue.of("timeout"), ForeignValue.of(t.toString())));
        return ForeignValue.map(entries);
    }

    private static ForeignValue spin(CallContext context) {
        AtomicInteger stop = new AtomicInteger();
        context.onCancel(stop::incrementAndGet);
        while (stop.get() == 0) {
            Thread.onSpinWait();
        }
        throw new ForeignCancellationException("typed", "interrupted");
    }
}
