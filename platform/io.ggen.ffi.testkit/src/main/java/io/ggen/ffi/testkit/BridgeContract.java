package io.ggen.ffi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.BridgeSamples.ErrorSample;
import io.ggen.ffi.testkit.BridgeSamples.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every bridge must keep, checked against the bridge itself (no framework): a bridge
 * project's test class extends it, makes the bridge as its component's activation would, and names
 * a few small modules in its language ({@link #samples()}). It checks that values of every kind the
 * bridge declares come back unchanged, that errors are typed with the foreign type, message and
 * frames, that a missing function is named with what exists, that modules close once and calls
 * after it fail clearly, that many threads can call at once, that batches give one result per
 * item, and, for what the bridge's {@link BridgeCapabilities} declare, that cancellation stops a
 * runaway function and that handles release once.
 *
 * <pre>{@code
 * class LuajBridgeContractTest extends BridgeContract<LuajBridge> {
 *     protected LuajBridge newBridge() { return new LuajBridge(); }
 *     protected BridgeSamples samples() { return BridgeSamples.in(ModuleSpec.code("lua", SOURCE)).echo(...)...; }
 * }
 * }</pre>
 *
 * @param <B> the bridge's class, so that a refinement can reach its own parts
 */
public abstract class BridgeContract<B extends ForeignBridge> {

    /** How long a check waits for calls that a broken bridge might never end. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    /** How long a cancelled call may take to end after its 300 ms timeout. */
    protected static final Duration CANCEL_PATIENCE = Duration.ofSeconds(10);

    /** The bridge under test: a new one for each test. */
    protected B bridge;

    private final List<GuestModule> loaded = new ArrayList<>();

    /** A new bridge, as its component's activation makes it. */
    protected abstract B newBridge();

    /** The modules the contract calls. */
    protected abstract BridgeSamples samples();

    /** Stops the bridge as its component's deactivation does; the default does nothing. */
    protected void stop(B bridge) {
    }

    @BeforeEach
    final void startTheBridge() {
        bridge = newBridge();
    }

    @AfterEach
    final void stopTheBridge() {
        for (GuestModule module : loaded) {
            module.close();
        }
        loaded.clear();
        stop(bridge);
    }

    /** Loads a module into the bridge under test; it is closed after the test. */
    protected GuestModule load(ModuleSpec spec) {
        GuestModule module = bridge.load(spec);
        assertThat(module).as("load(%s) returned no module", spec).isNotNull();
        loaded.add(module);
        return module;
    }

    /** Calls a sample's function with its own arguments, or with these. */
    private ForeignValue callSample(Sample sample, ForeignValue... args) {
        List<ForeignValue> given = args.length == 0 ? sample.args() : List.of(args);
        return load(sample.module()).function(sample.function()).call(given, TestCallContext.plain());
    }

    @Test
    void describesItselfAndItsCapabilities() {
        assertThat(bridge.description()).as("description()").isNotBlank();
        assertThat(bridge.capabilities()).as("capabilities()").isNotNull();
    }

    @TestFactory
    Stream<DynamicTest> echoGivesBackEveryValueOfTheKindsItDeclares() {
        Sample echo = samples().echoSample();
        GuestFunction function = load(echo.module()).function(echo.function());
        return samples().kinds().stream().flatMap(kind -> kind.samples().stream().map(value ->
            DynamicTest.dynamicTest(kind + " " + abbreviated(value), () ->
                assertThat(function.call(List.of(value), TestCallContext.plain())).as("echo(%s)", abbreviated(value))
                    .isEqualTo(value))));
    }

    private static String abbreviated(ForeignValue value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    @Test
    void addsTwoIntegers() {
        assertThat(callSample(samples().addSample(), ForeignValue.of(40L), ForeignValue.of(2L))).isEqualTo(ForeignValue.of(42L));
        assertThat(callSample(samples().addSample(), ForeignValue.of(-5L), ForeignValue.of(3L))).isEqualTo(ForeignValue.of(-2L));
    }

    @Test
    void aForeignErrorIsTypedWithTheLanguageItsTypeMessageAndFrames() {
        ErrorSample error = samples().errorSample();
        ForeignException thrown = catchThrowableOfType(ForeignException.class, () -> callSample(error.sample()));
        assertThat(thrown).as("%s(%s) must throw a ForeignException", error.sample().function(), error.sample().args())
            .isNotNull();
        assertThat(thrown.language()).as("language()").isNotBlank();
        assertThat(thrown.foreignType()).as("foreignType()").isEqualTo(error.foreignType());
        assertThat(thrown.foreignMessage()).as("foreignMessage()").contains(error.messagePart());
        assertThat(thrown.getMessage()).as("getMessage()").contains(error.messagePart());
        if (error.frames()) {
            assertThat(thrown.foreignFrames()).as("foreignFrames()").isNotEmpty();
        }
    }

    @Test
    void aMissingFunctionIsNamedWithTheFunctionsThatExist() {
        Sample add = samples().addSample();
        GuestModule module = load(add.module());
        assertThatThrownBy(() -> module.function("no_such_function_in_the_contract").call(List.of(), TestCallContext.plain()))
            .isInstanceOf(NoSuchFunctionException.class)
            .hasMessageContaining("no_such_function_in_the_contract")
            .satisfies(e -> assertThat(e.getMessage()).as("names what exists").contains(module.functions()));
    }

    @Test
    void aModuleClosesOnceAndCallsAfterItFailClearly() {
        Sample add = samples().addSample();
        GuestModule module = bridge.load(add.module());
        GuestFunction function = module.function(add.function());
        assertThat(function.call(List.of(ForeignValue.of(1L), ForeignValue.of(1L)), TestCallContext.plain()))
            .isEqualTo(ForeignValue.of(2L));
        module.close();
        module.close();
        assertThatThrownBy(() -> function.call(List.of(ForeignValue.of(1L), ForeignValue.of(1L)), TestCallContext.plain()))
            .as("a call after close").isInstanceOf(ForeignException.class)
            .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void manyThreadsCallAtOnce() {
        Sample add = samples().addSample();
        GuestFunction function = load(add.module()).function(add.function());
        int threads = 8;
        int calls = 100;
        assertTimeoutPreemptively(PATIENCE, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long thread = t;
                    futures.add(pool.submit(() -> {
                        for (long i = 0; i < calls; i++) {
                            ForeignValue sum = function.call(List.of(ForeignValue.of(i), ForeignValue.of(thread * 1000)),
                                TestCallContext.plain());
                            assertThat(sum).isEqualTo(ForeignValue.of(i + thread * 1000));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void aBatchGivesOneResultPerItemInOrder() {
        Sample add = samples().addSample();
        GuestFunction function = load(add.module()).function(add.function());
        List<List<ForeignValue>> items = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            items.add(List.of(ForeignValue.of(i), ForeignValue.of(i)));
        }
        List<BatchResult> results = function.callBatch(items, TestCallContext.plain());
        assertThat(results).hasSize(items.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get()).as("item %d", i).isEqualTo(ForeignValue.of(2L * i));
        }
    }

    @Test
    void eachFailingItemOfABatchFailsWithItsOwnError() {
        ErrorSample error = samples().errorSample();
        GuestFunction function = load(error.sample().module()).function(error.sample().function());
        List<BatchResult> results = function.callBatch(List.of(error.sample().args(), error.sample().args()),
            TestCallContext.plain());
        assertThat(results).hasSize(2).allSatisfy(result -> {
            assertThat(result.isError()).isTrue();
            assertThat(result.error().foreignType()).isEqualTo(error.foreignType());
        });
    }

    /**
     * The checks of what the bridge's capabilities declare, and of the optional samples it gives: a
     * bridge is held to what it claims.
     */
    @TestFactory
    Stream<DynamicTest> whatTheCapabilitiesAndOptionalSamplesDeclareHolds() {
        BridgeCapabilities capabilities = bridge.capabilities();
        List<DynamicTest> checks = new ArrayList<>();
        samples().malformedModule().ifPresent(malformed -> checks.add(DynamicTest.dynamicTest(
            "a malformed module does not load and says so shortly", () -> aMalformedModuleDoesNotLoad(malformed))));
        if (capabilities.cancellation()) {
            checks.add(DynamicTest.dynamicTest("cancellation stops a function that never returns", this::cancellationStopsSpin));
        }
        if (capabilities.handles()) {
            checks.add(DynamicTest.dynamicTest("a handle releases once", this::aHandleReleasesOnce));
        }
        return checks.stream();
    }

    private void aMalformedModuleDoesNotLoad(ModuleSpec malformed) {
        assertThatThrownBy(() -> load(malformed)).isInstanceOf(ForeignException.class)
            .satisfies(e -> assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000));
    }

    private void cancellationStopsSpin() {
        Sample spin = samples().spinSample().orElseThrow(() -> new AssertionError(
            "the bridge declares cancellation: name a function that never returns in samples() with .spin(...)"));
        GuestModule module = load(spin.module());
        GuestFunction function = module.function(spin.function());
        assertTimeoutPreemptively(CANCEL_PATIENCE, () -> assertThatThrownBy(() ->
                function.call(spin.args(), TestCallContext.timeout(Duration.ofMillis(300))))
            .as("spin() under a 300 ms timeout").isInstanceOf(ForeignException.class));
        Sample add = samples().addSample();
        GuestModule addModule = add.module().equals(spin.module()) ? module : load(add.module());
        assertThat(addModule.function(add.function()).call(List.of(ForeignValue.of(40L), ForeignValue.of(2L)),
                TestCallContext.plain()))
            .as("a call after the cancelled one, in the same module when it holds both").isEqualTo(ForeignValue.of(42L));
    }

    private void aHandleReleasesOnce() {
        Sample handle = samples().handleSample().orElseThrow(() -> new AssertionError(
            "the bridge declares handles: name a function that returns one in samples() with .handle(...)"));
        ForeignValue value = callSample(handle);
        assertThat(value).as("%s(%s)", handle.function(), handle.args()).isInstanceOf(ForeignValue.HandleValue.class);
        var foreign = ((ForeignValue.HandleValue) value).handle();
        assertThat(foreign.typeName()).isNotBlank();
        assertThat(foreign.isReleased()).isFalse();
        foreign.release();
        assertThat(foreign.isReleased()).isTrue();
        foreign.release();
        assertThat(foreign.isReleased()).isTrue();
    }
}
