package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/** A bridge that keeps the contract, for the testkit's own tests: its "language" has four functions built in. */
class UpperBridge implements ForeignBridge {

    static final Set<String> FUNCTIONS = new TreeSet<>(Set.of("add", "echo", "fail", "spin", "upper"));

    @Override
    public GuestModule load(ModuleSpec spec) {
        if (spec.source().contains("syntax error")) {
            throw new ForeignException("upper", "SyntaxError", "the module has a syntax error");
        }
        AtomicBoolean closed = new AtomicBoolean();
        return new GuestModule() {
            @Override
            public Set<String> functions() {
                return FUNCTIONS;
            }

            @Override
            public GuestFunction function(String name) {
                GuestFunction function = switch (name) {
                    case "echo" -> (args, context) -> args.getFirst();
                    case "upper" -> (args, context) -> ForeignValue.of(args.getFirst().toString().toUpperCase(Locale.ROOT));
                    case "add" -> (args, context) -> ForeignValue.of(integer(args.get(0)) + integer(args.get(1)));
                    case "fail" -> (args, context) -> {
                        throw new ForeignException("upper", "UpperError", args.getFirst().toString(),
                            List.of(new ForeignFrame("fail", "<module>", 1, 1)), null);
                    };
                    case "spin" -> (args, context) -> {
                        while (!context.isCancelled()) {
                            Thread.onSpinWait();
                        }
                        throw new ForeignCancellationException("upper", "spin was cancelled");
                    };
                    default -> throw new NoSuchFunctionException("upper", "no function " + name + "; there are " + FUNCTIONS);
                };
                return (args, context) -> {
                    if (closed.get()) {
                        throw new ForeignException("upper", "ModuleClosed", "the module is closed");
                    }
                    return function.call(args, context);
                };
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    private static long integer(ForeignValue value) {
        if (value instanceof ForeignValue.IntValue i) {
            return i.value();
        }
        throw new ForeignArgumentException("upper", "add takes integers, not " + value);
    }

    @Override
    public BridgeCapabilities capabilities() {
        return BridgeCapabilities.of(BridgeCapabilities.CANCELLATION);
    }

    @Override
    public String description() {
        return "upper, built in";
    }
}
