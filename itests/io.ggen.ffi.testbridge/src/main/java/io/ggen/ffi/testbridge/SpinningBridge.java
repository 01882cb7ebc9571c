package io.ggen.ffi.testbridge;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The bridge of language {@code spin}: {@code spin} loops for ever and ignores cancellation (its
 * capabilities declare none, as a bridge over an interpreter that cannot be interrupted does);
 * {@code echo} returns its first argument. Any module source loads.
 */
@Component(service = ForeignBridge.class, property = {
    ForeignBridge.LANGUAGE + "=spin",
    ForeignBridge.NAME + "=spinner"
})
public final class SpinningBridge implements ForeignBridge {

    @Override
    public GuestModule load(ModuleSpec spec) {
        return new GuestModule() {
            @Override
            public Set<String> functions() {
                return Set.of("spin", "echo");
            }

            @Override
            public GuestFunction function(String name) {
                return switch (name) {
                    case "spin" -> (args, context) -> {
                        long turns = 0;
                        while (turns >= 0) {   // for ever: a long does not wrap in a test's lifetime
                            turns++;
                            Thread.onSpinWait();
                        }
                        return ForeignValue.of(turns);
                    };
                    case "echo" -> (args, context) -> args.isEmpty() ? ForeignValue.NULL : args.getFirst();
                    default -> throw new NoSuchFunctionException("spin", "no function '" + name + "'; there are spin"
                        + " and echo");
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
