package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.ForeignCall;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Typed bindings of JavaScript modules, in a real Felix: the interfaces live in the test bundle and
 * are bound with {@link ForeignModule#bind(Class)}, across bundles. Calls from one thread run in one
 * pooled context, so the module's call counter sees them all.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TypedBindingIT extends PlatformTestSupport {

    static final String CODE = """
        let calls = 0;
        function add(a, b) { calls++; return a + b; }
        function mirror(p) { return { x: p.y, y: p.x, extra: 'ignored' }; }
        function evens(list) { return list.filter(n => n % 2 === 0); }
        function doubled(table) { const out = {}; for (const k in table) out[k] = table[k] * 2; return out; }
        function greet(name) { return name === null ? null : 'hi ' + name; }
        function reversed(bytes) { return bytes.slice().reverse(); }
        function square(n) { return n * n; }
        function spin() { while (true) {} }
        function callCount() { return calls; }
        """;

    @Inject
    ForeignRuntime runtime;

    @Inject
    BundleContext context;

    record Point(long x, long y) {
    }

    record Pair(long a, long b) {
    }

    /** Package-private, in the test bundle: the runtime must define its binding here. */
    interface Calculator {
        long add(long a, long b);

        Point mirror(Point point);

        List<Long> evens(List<Long> values);

        Map<String, Long> doubled(Map<String, Long> table);

        Optional<String> greet(Optional<String> name);

        byte[] reversed(byte[] bytes);

        BigInteger square(BigInteger n);

        @ForeignCall("add")
        CompletableFuture<Long> addLater(long a, long b);

        @ForeignCall(value = "add", batch = true)
        List<Long> addAll(List<Pair> pairs);

        @ForeignCall(value = "add", pure = true)
        long addPure(long a, long b);

        @ForeignCall(value = "spin", timeoutMillis = 500)
        void spin();

        long callCount();

        default long increment(long a) {
            return add(a, 1);
        }
    }

    interface Wrong {
        long add(long a, long b);

        long subtract(long a, long b);
    }

    private CallCache cache() {
        ServiceReference<CallCache> reference = context.getServiceReference(CallCache.class);
        assertThat(reference).as("a CallCache service").isNotNull();
        return context.getService(reference);
    }

    @Test
    public void aBoundInterfaceCallsTheFunctionsWithItsDeclaredTypes() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            Calculator calculator = js.bind(Calculator.class);

            assertThat(calculator.add(40, 2)).isEqualTo(42L);
            assertThat(calculator.increment(41)).isEqualTo(42L);
            assertThat(calculator.mirror(new Point(1, 2))).isEqualTo(new Point(2, 1));
            assertThat(calculator.evens(List.of(1L, 2L, 3L, 4L))).containsExactly(2L, 4L);
            assertThat(calculator.doubled(Map.of("a", 1L, "b", 21L))).containsOnly(Map.entry("a", 2L), Map.entry("b", 42L));
            assertThat(calculator.greet(Optional.of("Ada"))).contains("hi Ada");
            assertThat(calculator.greet(Optional.empty())).isEmpty();
            assertThat(calculator.reversed(new byte[] {1, 2, 3})).containsExactly(3, 2, 1);
            BigInteger big = BigInteger.TWO.pow(70);
            assertThat(calculator.square(big)).isEqualTo(BigInteger.TWO.pow(140));
            assertThat(calculator.addLater(20, 22).get(10, TimeUnit.SECONDS)).isEqualTo(42L);
        }
    }

    @Test
    public void aBatchMethodCallsOncePerElement() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            Calculator calculator = js.bind(Calculator.class);

            List<Long> sums = calculator.addAll(List.of(new Pair(1, 2), new Pair(3, 4), new Pair(5, 6)));

            assertThat(sums).containsExactly(3L, 7L, 11L);
            assertThat(calculator.callCount()).isEqualTo(3);
        }
    }

    @Test
    public void aPureMethodIsCalledOnceForTheSameArguments() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            Calculator calculator = js.bind(Calculator.class);
            long hitsBefore = cache().stats().hits();

            for (int i = 0; i < 3; i++) {
                assertThat(calculator.addPure(2, 3)).isEqualTo(5L);
            }

            assertThat(calculator.callCount()).isEqualTo(1);
            assertThat(cache().stats().hits() - hitsBefore).isEqualTo(2);
        }
    }

    @Test
    public void aTimeoutFromTheAnnotationStopsASpinningFunction() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            Calculator calculator = js.bind(Calculator.class);

            assertThatThrownBy(calculator::spin).isInstanceOf(ForeignTimeoutException.class)
                .hasMessageContaining("timed out after 500ms");
            assertThat(calculator.add(1, 1)).isEqualTo(2L);
        }
    }

    @Test
    public void aMethodWithoutItsFunctionFailsAtBindNamingTheModulesFunctions() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            assertThatThrownBy(() -> js.bind(Wrong.class))
                .isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("Wrong.subtract")
                .hasMessageContaining("add, callCount, doubled, evens, greet, mirror, reversed, spin, square");
        }
    }
}
