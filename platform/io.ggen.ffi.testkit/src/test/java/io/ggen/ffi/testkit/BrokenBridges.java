package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Bridges that break one promise each, run by {@link BridgeContractCatchesTest} (not by Surefire:
 * their names do not end in Test).
 */
final class BrokenBridges {

    private BrokenBridges() {
    }

    /** Samples of the upper language, for every broken bridge. */
    abstract static class Base extends BridgeContract<UpperBridge> {
        @Override
        protected BridgeSamples samples() {
            return new UpperBridgeContractTest().samples();
        }
    }

    /** Claims cancellation, but its spin never looks at the context. */
    static final class IgnoresCancellation extends Base {
        @Override
        protected UpperBridge newBridge() {
            return breaking((name, function) -> !"spin".equals(name) ? function : (args, context) -> {
                long deadline = System.nanoTime() + 120_000_000_000L;   // past the contract's patience
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                return ForeignValue.NULL;
            }, BridgeCapabilities.of(BridgeCapabilities.CANCELLATION));
        }
    }

    /** Turns every string it is given to upper case: echo is not an echo. */
    static final class ChangesStrings extends Base {
        @Override
        protected UpperBridge newBridge() {
            return breaking((name, function) -> function == null ? null : (args, context) -> {
                ForeignValue result = function.call(args, context);
                return result instanceof ForeignValue.StringValue s ? ForeignValue.of(s.value().toUpperCase()) : result;
            }, BridgeCapabilities.of(BridgeCapabilities.CANCELLATION));
        }
    }

    /** Throws a plain runtime exception where a typed error is due, and names nothing. */
    static final class UntypedErrors extends Base {
        @Override
        protected UpperBridge newBridge() {
            return breaking((name, function) -> function != null && !name.equals("fail") ? function : (args, context) -> {
                throw new IllegalStateException("failed");
            }, BridgeCapabilities.NONE);
        }
    }

    /**
     * The upper bridge with its functions replaced: {@code breaker} gets each name and the upper
     * bridge's function of that name (null for a name it lacks) and returns what the module binds;
     * when it returns null, the upper bridge binds the name (and says it has no such function).
     */
    private static UpperBridge breaking(BiFunction<String, GuestFunction, GuestFunction> breaker,
                                        BridgeCapabilities capabilities) {
        return new UpperBridge() {
            @Override
            public GuestModule load(ModuleSpec spec) {
                GuestModule module = super.load(spec);
                return new GuestModule() {
                    @Override
                    public Set<String> functions() {
                        return module.functions();
                    }

                    @Override
                    public GuestFunction function(String name) {
                        GuestFunction broken = breaker.apply(name,
                            UpperBridge.FUNCTIONS.contains(name) ? module.function(name) : null);
                        return broken != null ? broken : module.function(name);
                    }

                    @Override
                    public void close() {
                        module.close();
                    }
                };
            }

            @Override
            public BridgeCapabilities capabilities() {
                return capabilities;
            }
        };
    }
}
