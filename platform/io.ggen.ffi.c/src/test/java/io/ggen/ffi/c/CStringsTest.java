package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import org.junit.jupiter.api.Test;

class CStringsTest {

    @Test
    void refusesEmbeddedNul() {
        assertThatThrownBy(() -> CStrings.utf8("ab\0c", "s", "strlen"))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("argument 's' of strlen contains a NUL character at index 2");
    }

    @Test
    void invalidUtf8IsReplacedOrReported() {
        byte[] bad = {'o', 'k', (byte) 0xff, (byte) 0xc3};
        assertThat(CStrings.decode(bad, CStrings.InvalidUtf8.REPLACE, "f")).isEqualTo("ok\uFFFD\uFFFD");
        assertThatThrownBy(() -> CStrings.decode(bad, CStrings.InvalidUtf8.REPORT, "f"))
            .isInstanceOf(ForeignException.class).hasMessageContaining("f returned 4 bytes that are not UTF-8");
        assertThat(CStrings.decode("héllo 𝄞".getBytes(java.nio.charset.StandardCharsets.UTF_8), CStrings.InvalidUtf8.REPORT, "f"))
            .isEqualTo("héllo 𝄞");
        assertThatThrownBy(() -> CStrings.InvalidUtf8.of("ignore")).hasMessageContaining("use replace or report");
    }
}
