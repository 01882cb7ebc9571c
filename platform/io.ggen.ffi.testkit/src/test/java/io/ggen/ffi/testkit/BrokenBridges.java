package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Set;

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
            return new UpperBridge() {
                @Override
                public GuestModule load(ModuleSpec spec) {
                    GuestModule module = super.load(spec);
                    return new Delegating(module) {
                        @Override
                        public GuestFunction function(String name) {
                            if (name.equals("spin")) {
                                return (args, context) -> {
                                    long deadline = System.nanoTime() + 120_000_000_000L;   // past the contract's patience
                                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                                        Thread.onSpinWait();
                                    }
                                    return ForeignValue.NULL;
                                };
                            }
                            return super.function(name);
                        }
                    };
                }
            };
        }
    }

    /** Turns every string it is given to upper case: echo is not an echo. */
    static final class ChangesStrings extends Base {
        @Override
        protected UpperBridge newBridge() {
            return new UpperBridge() {
                @Override
                public GuestModule load(ModuleSpec spec) {
                    return new Delegating(super.load(spec)) {
                        @Override
                        public GuestFunction function(String name) {
                            GuestFunction function = super.function(name);
                            return (args, context) -> {
                                ForeignValue result = function.call(args, context);
                                return result instanceof ForeignValue.StringValue s
                                    ? ForeignValue.of(s.value().toUpperCase()) : result;
                            };
                        }
                    };
                }
            };
        }
    }

    /** Throws a plain runtime exception where a typed error is due, and names nothing. */
    static final class UntypedErrors extends Base {
        @Override
        protected UpperBridge newBridge() {
            return new UpperBridge() {
                @Override
                public GuestModule load(ModuleSpec spec) {
                    return new Delegating(super.load(spec)) {
                        @Override
                        public GuestFunction function(String name) {
                            if (name.equals("fail") || !UpperBridge.FUNCTIONS.contains(name)) {
                                return (args, context) -> {
                                    throw new IllegalStateException("failed");
                                };
                            }
                            return super.function(name);
                        }
                    };
                }

                @Override
                public BridgeCapabilities capabilities() {
                    return BridgeCapabilities.NONE;
                }
            };
        }
    }

    /** A module that passes everything to another. */
    private static class Delegating implements GuestModule {
        private final GuestModule module;

        Delegating(GuestModule module) {
            this.module = module;
        }

        @Override
        public Set<String> functions() {
            return module.functions();
        }

        @Override
        public GuestFunction function(String name) {
            return module.function(name);
        }

        @Override
        public void close() {
            module.close();
        }
    }
}
