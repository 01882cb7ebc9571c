package io.ggen.ffi.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.spi.BridgeCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeInfoTest {

    @Test
    void servesItsLanguageAndItsAliasesOnly() {
        BridgeInfo rpc = new BridgeInfo("rpc", List.of("go", "cpython"), "rpc-worker", 100, "b", "1.1.0",
            BridgeCapabilities.NONE, "workers");
        assertThat(rpc.serves("rpc")).isTrue();
        assertThat(rpc.serves("go")).isTrue();
        assertThat(rpc.serves("cpython")).isTrue();
        assertThat(rpc.serves("rpc-worker")).as("a bridge name is not a language").isFalse();
        assertThat(rpc.serves("node")).isFalse();
        assertThat(rpc.serves("Go")).as("ids in any case, as the runtime looks them up").isTrue();
    }
}
