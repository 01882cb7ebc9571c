package io.ggen.ffi.bridge.python.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import io.ggen.ffi.testkit.TestCallContext;

class PyConcurrencyTest {

    @Test
    void fourThreadsOfCallsStayCorrect() throws Exception {
        GraalPyBridge bridge = TestSupport.bridge(TestSupport.settings(2));
        try (GuestModule module = TestSupport.code(bridge, "def label(t, i):\n    return '%s:%d' % (t, i * 2)\n");
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            GuestFunction label = module.function("label");
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String thread = "t" + t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 200; i++) {
                        ForeignValue v = label.call(List.of(ForeignValue.of(thread), ForeignValue.of(i)),
                            TestCallContext.plain());
                        if (v.equals(ForeignValue.of(thread + ":" + (i * 2)))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            bridge.deactivate();
        }
    }
}
