package io.ggen.ffi.bridge.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.ggen.ffi.testkit.TestCallContext;

class JsConcurrencyTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eightThreadsTimesAThousandCallsAreAllCorrect() throws Exception {
        GraalJsBridge bridge = TestSupport.bridge(TestSupport.settings(3));
        try {
            GuestModule module = TestSupport.code(bridge, "function label(t, i) { return t + ':' + (i * 2); }");
            GuestFunction label = module.function("label");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    int correct = 0;
                    for (int i = 0; i < 1000; i++) {
                        ForeignValue result = label.call(List.of(ForeignValue.of("t" + thread), ForeignValue.of(i)),
                            TestCallContext.plain());
                        if (result.equals(ForeignValue.of("t" + thread + ":" + (i * 2)))) {
                            correct++;
                        }
                    }
                    return correct;
                }));
            }
            threads.shutdown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(1000);
            }
        } finally {
            bridge.deactivate();
        }
    }
}
