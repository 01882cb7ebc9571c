package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.TestCallContext;
import io.ggen.ffi.testkit.ValueKind;
import org.junit.jupiter.api.Test;

/**
 * The checks every bridge must pass (inherited from {@link BridgeContract}: values of every kind,
 * typed errors, missing functions, closing, threads, batches, cancellation), then this bridge's own.
 * No framework: the bridge is a plain object here.
 */
class ${bridgeClass}ContractTest extends BridgeContract<${bridgeClass}> {

    static final ModuleSpec MODULE = ModuleSpec.code("${language}", "x");

    @Override
    protected ${bridgeClass} newBridge() {
        return new ${bridgeClass}();
    }

    /** The functions of the language the contract calls, and what they must do. */
    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(MODULE)
            .echo("echo", ValueKind.values())
            .add("add")
            .error("fail", "UserError", "boom", ForeignValue.of("boom")).withFrames()
            .spin("spin")
            .malformed(ModuleSpec.code("${language}", " "));
    }

    @Test
    void upperUpperCasesAString() {
        assertThat(TestCallContext.call(load(MODULE), "upper", ForeignValue.of("hi"))).isEqualTo(ForeignValue.of("HI"));
    }

    @Test
    void upperRefusesWhatIsNotAString() {
        assertThatThrownBy(() -> TestCallContext.call(load(MODULE), "upper", ForeignValue.of(1L)))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("expected a string");
    }
}
