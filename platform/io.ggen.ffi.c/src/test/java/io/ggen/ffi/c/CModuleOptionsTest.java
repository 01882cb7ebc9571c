package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CModuleOptionsTest {

    @Test
    void signaturesAreDeclaredByTheirNames() {
        CModuleOptions options = CModuleOptions.of(Map.of(
            "signature", "size_t strlen(const char* s)",
            "signature.abs", "int abs(int)"));
        assertThat(options.functions()).containsExactly("abs", "strlen");
        assertThat(options.declared("abs")).map(CSignature::toString).contains("int32_t abs(int32_t arg0)");
        assertThat(options.declared("puts")).isEmpty();
    }

    @Test
    void aSignatureMustDeclareTheFunctionItIsFor() {
        assertThatThrownBy(() -> CModuleOptions.of(Map.of("signature.abs", "int labs(int)")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageEndingWith("the option signature.abs declares labs, not abs");
    }

    @Test
    void returnedStringsAreFreedWithFreeUnlessTheySayOtherwise() {
        CSignature string = CSignature.parse("char* f(void)");
        CSignature constString = CSignature.parse("const char* f(void)");
        CSignature pointer = CSignature.parse("int* f(void)");
        assertThat(CModuleOptions.of(Map.of()).freeFunction(string)).contains("free");
        assertThat(CModuleOptions.of(Map.of()).freeFunction(constString)).isEmpty();
        assertThat(CModuleOptions.of(Map.of()).freeFunction(pointer)).isEmpty();
        assertThat(CModuleOptions.of(Map.of("free", "my_free")).freeFunction(string)).contains("my_free");
        assertThat(CModuleOptions.of(Map.of("free", "none")).freeFunction(string)).isEmpty();
        assertThat(CModuleOptions.of(Map.of("free.f", "f_free")).freeFunction(pointer)).contains("f_free");
        assertThat(CModuleOptions.of(Map.of("free.f", "none", "free", "my_free")).freeFunction(string)).isEqualTo(Optional.empty());
    }

    @Test
    void errnoIsForAllOrForTheNamedFunctions() {
        assertThat(CModuleOptions.of(Map.of()).errno("open")).isFalse();
        assertThat(CModuleOptions.of(Map.of("errno", "false")).errno("open")).isFalse();
        assertThat(CModuleOptions.of(Map.of("errno", "TRUE")).errno("open")).isTrue();
        assertThat(CModuleOptions.of(Map.of("errno", "*")).errno("open")).isTrue();
        assertThat(CModuleOptions.of(Map.of("errno", "open, read")).errno("read")).isTrue();
        assertThat(CModuleOptions.of(Map.of("errno", "open, read")).errno("write")).isFalse();
    }

    @Test
    void invalidUtf8IsReplacedUnlessReported() {
        assertThat(CModuleOptions.of(Map.of()).invalidUtf8()).isEqualTo(CStrings.InvalidUtf8.REPLACE);
        assertThat(CModuleOptions.of(Map.of("invalid-utf8", "report")).invalidUtf8()).isEqualTo(CStrings.InvalidUtf8.REPORT);
        assertThatThrownBy(() -> CModuleOptions.of(Map.of("invalid-utf8", "drop")))
            .hasMessageEndingWith("invalid-utf8=drop is not an option; use replace or report");
    }
}
