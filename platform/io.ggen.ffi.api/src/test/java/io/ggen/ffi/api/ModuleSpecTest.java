package io.ggen.ffi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModuleSpecTest {

    private static final byte[] WASM_HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @Test
    void bytesAreKeptAsACopyAndComparedByContent() {
        byte[] given = WASM_HEADER.clone();
        ModuleSpec spec = ModuleSpec.bytes("wasm", given);
        given[1] = 'X';
        assertThat(spec.kind()).isEqualTo(ModuleSpec.SourceKind.BYTES);
        assertThat(spec.bytes()).isEqualTo(WASM_HEADER);
        spec.bytes()[0] = 9;
        assertThat(spec.bytes()).as("each call a new copy").isEqualTo(WASM_HEADER);
        assertThat(spec).isEqualTo(ModuleSpec.bytes("wasm", WASM_HEADER.clone()));
        assertThat(spec.describe()).isEqualTo("<bytes: 8 bytes>");
        for (int size = 0; size < 5; size++) {
            assertThat(ModuleSpec.bytes("wasm", new byte[size]).describe()).isEqualTo("<bytes: " + size + " bytes>");
        }
        assertThat(spec.withOption("memory.max-pages", "4").bytes()).isEqualTo(WASM_HEADER);
    }

    @Test
    void onlyABytesModuleHasBytes() {
        assertThatThrownBy(() -> ModuleSpec.code("js", "1").bytes()).isInstanceOf(IllegalStateException.class)
            .hasMessage("the module is given as code, not as bytes: <code: 1>");
    }
}
