package io.ggen.ffi.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JavaScript {@code add(a, b)} through the platform with the tracing bundle absent, installed but off
 * (its default: no exporter), and on with every call sampled (OTLP to a local collector that
 * discards what it gets), side by side: each value of {@code tracing} in a fork of its own. The
 * issue's bar: off costs at most 5 ns more than absent (by construction it registers no
 * interceptor, so it should cost nothing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracingBenchmark {

    static final String TRACING_BUNDLE = "io.ggen.ffi.tracing";

    @Param({"absent", "off", "sampled"})
    public String tracing;

    final List<ForeignValue> addArgs = List.of(ForeignValue.of(17), ForeignValue.of(25));

    private EmbeddedPlatform platform;
    private HttpServer collector;
    private ForeignModule module;
    private ForeignFunction add;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (tracing.equals("absent")) {   // this fork's JVM only: EmbeddedPlatform.boot() leaves the bundle out
            System.setProperty("ggen.bench.without", System.getProperty("ggen.bench.without", "") + "," + TRACING_BUNDLE);
        }
        platform = EmbeddedPlatform.boot();
        module = platform.runtime("javascript").load(ModuleSpec.code("javascript", JavaScriptCallBenchmark.CODE));
        add = module.function("add");
        if (tracing.equals("sampled")) {
            collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            collector.createContext("/v1/traces", exchange -> {
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            collector.start();
            platform.configure(TRACING_BUNDLE, Map.of("exporter", "otlp", "sampling.ratio", 1.0,
                "otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"));
        }
        boolean on = tracing.equals("sampled");
        for (int i = 0; i < 600 && platform.registered("(interceptor.name=tracing)") != on; i++) {
            Thread.sleep(50);   // the component (re)activates on its own thread
        }
        if (platform.registered("(interceptor.name=tracing)") != on) {
            throw new IllegalStateException("tracing " + tracing + ": the tracing interceptor is " + (on ? "not " : "") + "registered");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        platform.close();
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Benchmark
    public ForeignValue add() {
        return add.invoke(addArgs, CallOptions.DEFAULT);
    }
}
