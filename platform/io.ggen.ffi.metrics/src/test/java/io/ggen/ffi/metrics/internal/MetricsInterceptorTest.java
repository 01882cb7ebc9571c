package io.ggen.ffi.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.CallMetrics.FunctionStats;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsInterceptorTest {

    private final MetricsInterceptor metrics = new MetricsInterceptor(1);

    private Invocation call(FunctionId id) {
        return new Invocation() {
            @Override public FunctionId functionId() { return id; }
            @Override public String language() { return "test"; }
            @Override public ModuleSpec module() { return ModuleSpec.code("test", "x"); }
            @Override public List<ForeignValue> args() { return List.of(); }
            @Override public CallContext context() { return null; }
        };
    }

    @Test
    void countsCallsAndErrorsPerFunction() {
        FunctionId add = new FunctionId("b", "m", "add");
        FunctionId fail = new FunctionId("b", "m", "fail");
        for (long i = 1; i <= 3; i++) {
            ForeignValue result = ForeignValue.of(i);
            assertThat(metrics.intercept(call(add), () -> result)).isEqualTo(result);
        }
        assertThatThrownBy(() -> metrics.intercept(call(fail), () -> {
            throw new ForeignException("test", "Boom", "no");
        })).isInstanceOf(ForeignException.class);

        List<FunctionStats> snapshot = metrics.snapshot();
        assertThat(snapshot).extracting(FunctionStats::function).containsExactly("add", "fail");
        assertThat(snapshot.get(0).calls()).isEqualTo(3);
        assertThat(snapshot.get(0).errors()).isZero();
        assertThat(snapshot.get(1).calls()).isEqualTo(1);
        assertThat(snapshot.get(1).errors()).isEqualTo(1);
    }

    @Test
    void measuresTimeSpentInTheRestOfThePipeline() {
        FunctionId slow = new FunctionId("b", "m", "slow");
        metrics.intercept(call(slow), () -> {
            try {
                Thread.sleep(20);   // not a wait: the slow rest of the pipeline that is measured
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ForeignValue.NULL;
        });
        FunctionStats stats = metrics.snapshot().getFirst();
        assertThat(stats.maxNanos()).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(stats.meanNanos()).isEqualTo((double) stats.totalNanos());
        metrics.reset();
        assertThat(metrics.snapshot()).isEmpty();
    }

    @Test
    void theFirstCallsOfAFunctionAreAllTimed() throws InterruptedException {
        MetricsInterceptor sampled = new MetricsInterceptor(1_000_000);
        FunctionId id = new FunctionId("b", "m", "rare");
        sampled.intercept(call(id), () -> {
            try {
                Thread.sleep(5);   // not a wait: the call's time that is measured
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ForeignValue.NULL;
        });
        assertThat(sampled.snapshot().getFirst().maxNanos()).isGreaterThanOrEqualTo(5_000_000L);
    }

    @Test
    void countsAreExactWhileTimeIsSampled() {
        MetricsInterceptor sampled = new MetricsInterceptor(16);
        FunctionId id = new FunctionId("b", "m", "f");
        for (int i = 0; i < 3200; i++) {
            sampled.intercept(call(id), () -> ForeignValue.NULL);
        }
        FunctionStats stats = sampled.snapshot().getFirst();
        assertThat(stats.calls()).isEqualTo(3200);
        assertThat(stats.totalNanos()).as("estimated from the timed calls").isPositive();
        assertThatThrownBy(() -> new MetricsInterceptor(0)).hasMessageContaining("sample.every");
    }
}
