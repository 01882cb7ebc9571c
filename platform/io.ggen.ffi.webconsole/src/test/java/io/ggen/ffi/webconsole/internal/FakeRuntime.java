package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime with one JavaScript bridge whose modules define: {@code greet} (a string),
 * {@code args} (its arguments as a list), {@code fail} (a TypeError with two frames) and
 * {@code slow} (times out). Code {@code hang} runs past the load timeout; code {@code syntax error}
 * fails to load. It records the last spec and call options, and counts open modules.
 */
final class FakeRuntime implements ForeignRuntime {

    static final BridgeInfo JS = new BridgeInfo("javascript", List.of("js"), "graaljs", 100, "io.ggen.ffi.bridge.js",
        "1.0.0", BridgeCapabilities.of(BridgeCapabilities.HANDLES, BridgeCapabilities.CANCELLATION), "GraalJS <test>");

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile ModuleSpec loaded;
    volatile CallOptions options;
    volatile CallOptions loadOptions;
    volatile List<BridgeInfo> bridges = List.of(JS);

    @Override
    public List<BridgeInfo> bridges() {
        return bridges;
    }

    @Override
    public ForeignModule load(ModuleSpec spec, CallOptions loadOptions) {
        loaded = spec;
        this.loadOptions = loadOptions;
        if (!spec.language().equals("javascript") && !spec.language().equals("js")) {
            throw new BridgeUnavailableException(spec.language(), "no bridge for " + spec.language());
        }
        if (spec.source().equals("hang")) {   // what the runtime does when top-level code runs past the load timeout
            throw new ForeignTimeoutException("javascript", "loading <code: hang> timed out after "
                + loadOptions.timeout().orElseThrow().toMillis() + "ms; the graaljs bridge stopped it");
        }
        if (spec.source().equals("syntax error")) {
            throw new ForeignException("javascript", "SyntaxError", "Expected ; but found error",
                List.of(new ForeignFrame("<program>", "inline.js", 1, 8)), null);
        }
        open.incrementAndGet();
        return new Module(spec);
    }

    private final class Module implements ForeignModule {
        private final ModuleSpec spec;

        Module(ModuleSpec spec) {
            this.spec = spec;
        }

        @Override public String language() { return "javascript"; }
        @Override public String bridgeName() { return "graaljs"; }
        @Override public ModuleSpec spec() { return spec; }
        @Override public Set<String> functions() { return Set.of("greet", "args", "fail", "slow"); }
        @Override public void close() { open.decrementAndGet(); closed.incrementAndGet(); }
        @Override public <T> T bind(java.lang.invoke.MethodHandles.Lookup lookup, Class<T> api) { throw new UnsupportedOperationException(); }

        @Override
        public ForeignFunction function(String name) {
            if (!functions().contains(name)) {
                throw new NoSuchFunctionException("javascript", "the module has no function " + name);
            }
            return new ForeignFunction() {
                @Override public String name() { return name; }
                @Override public ForeignModule module() { return Module.this; }
                @Override public CompletableFuture<ForeignValue> invokeAsync(List<ForeignValue> a, CallOptions o) { throw new AssertionError(); }
                @Override public List<BatchResult> invokeBatch(List<List<ForeignValue>> a, CallOptions o) { throw new AssertionError(); }
                @Override public Object call(Object... a) { throw new AssertionError(); }

                @Override
                public ForeignValue invoke(List<ForeignValue> args, CallOptions callOptions) {
                    options = callOptions;
                    return switch (name) {
                        case "greet" -> ForeignValue.of("JS works <b>&</b>");
                        case "args" -> ForeignValue.list(args);
                        case "slow" -> throw new ForeignTimeoutException("javascript", "call to slow timed out after 1s");
                        default -> throw new ForeignException("javascript", "TypeError", "boom <script>",
                            List.of(new ForeignFrame("fail", "inline.js", 2, 9), new ForeignFrame(null, null, -1, -1)), null);
                    };
                }
            };
        }
    }
}
