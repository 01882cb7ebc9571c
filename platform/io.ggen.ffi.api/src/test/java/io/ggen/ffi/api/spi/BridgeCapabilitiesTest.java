package io.ggen.ffi.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BridgeCapabilitiesTest {

    @Test
    @SuppressWarnings("deprecation")
    void theFourBooleansOfSpi10MeanTheSameNames() {
        BridgeCapabilities old = new BridgeCapabilities(true, false, true, false);
        assertThat(old).isEqualTo(BridgeCapabilities.of(BridgeCapabilities.NATIVE_BATCHING, BridgeCapabilities.ISOLATION));
        assertThat(old.nativeBatching()).isTrue();
        assertThat(old.cancellation()).isFalse();
        assertThat(old.isolation()).isTrue();
        assertThat(old.handles()).isFalse();
        assertThat(new BridgeCapabilities(false, false, false, false)).isEqualTo(BridgeCapabilities.NONE);
    }

    @Test
    void aBridgeNamesCapabilitiesOfItsOwn() {
        BridgeCapabilities wasm = BridgeCapabilities.of(BridgeCapabilities.CANCELLATION, "wasi");
        assertThat(wasm.has("wasi")).isTrue();
        assertThat(wasm.cancellation()).isTrue();
        assertThat(wasm.handles()).isFalse();
        assertThat(wasm.with(BridgeCapabilities.HANDLES).names())
            .containsExactlyInAnyOrder("cancellation", "wasi", "handles");
        assertThat(wasm.names()).as("with makes a new set").hasSize(2);
        assertThat(wasm).hasToString("cancellation, wasi");
        assertThat(BridgeCapabilities.NONE).hasToString("none");
        assertThat(BridgeCapabilities.of("wasi", "wasi")).as("a name said twice").isEqualTo(BridgeCapabilities.of("wasi"));
    }

    @Test
    void aNameMustBeText() {
        assertThatThrownBy(() -> BridgeCapabilities.of(" ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a capability needs a name");
    }
}
