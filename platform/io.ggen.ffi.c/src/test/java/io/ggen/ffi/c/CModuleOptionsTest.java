package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.FunctionSignature;
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
    void declaredFunctionsTellTheirSignaturesInNeutralTypes() {
        CModuleOptions options = CModuleOptions.of(Map.of(
            "signature", "size_t strlen(const char* s)",
            "signature.abs", "int abs(int)",
            "signature.scale", "float scale(double x, uint8_t by, bool round)",
            "signature.strdup", "char* strdup(const char* s)",
            "signature.qsort", "void qsort(void* base, size_t n, size_t size, int (*compare)(const void*, const void*))",
            "signature.frexp", "double frexp(double x, int* exponent)",
            "signature.malloc", "void* malloc(size_t size)"));
        assertThat(options.signatures()).extracting(FunctionSignature::describe).containsExactly(
            "abs(arg0: int32) -> int32",
            "frexp(x: float, exponent: any) -> map<any>",
            "malloc(size: int) -> handle",
            "qsort(base: any, n: int, size: int, compare: handle) -> map<any>", // base is written: an out-parameter
            "scale(x: float, by: int32, round: bool) -> float32",
            "strdup(s: string) -> string",
            "strlen(s: string) -> int");
        assertThat(options.signatures().getFirst().doc()).isEqualTo("int32_t abs(int32_t arg0)");
        assertThat(options.signatures()).noneMatch(FunctionSignature::variadic);
        assertThat(CModuleOptions.of(Map.of()).signatures()).as("undeclared functions are not known").isEmpty();
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
