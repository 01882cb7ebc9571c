package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CSignatureTest {

    @Test
    void readsStrlen() {
        CSignature s = CSignature.parse("size_t strlen(const char* s)");
        assertThat(s.name()).isEqualTo("strlen");
        assertThat(s.returns().kind()).isEqualTo(CType.Kind.UINT64);
        assertThat(s.params()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("s");
            assertThat(p.type().isString()).isTrue();
            assertThat(p.type().pointee().constant()).isTrue();
            assertThat(p.type().isOutPointer()).isFalse();
        });
    }

    @Test
    void readsMultiWordIntegerTypesLikeC() {
        CSignature s = CSignature.parse("unsigned long f(unsigned int a, long long b, short c, unsigned char d, signed char e, unsigned u, long int l);");
        assertThat(s.returns().kind()).isEqualTo(CType.Kind.UINT64);
        assertThat(s.params()).extracting(p -> p.type().kind()).containsExactly(
            CType.Kind.UINT32, CType.Kind.INT64, CType.Kind.INT16, CType.Kind.UINT8, CType.Kind.INT8,
            CType.Kind.UINT32, CType.Kind.INT64);
    }

    @Test
    void unnamedAndVoidParameters() {
        assertThat(CSignature.parse("int rand(void)").params()).isEmpty();
        assertThat(CSignature.parse("int rand()").params()).isEmpty();
        assertThat(CSignature.parse("double pow(double, double)").params()).extracting(CParam::name).containsExactly("arg0", "arg1");
    }

    @Test
    void readsFunctionPointers() {
        CSignature qsort = CSignature.parse("void qsort(void* base, size_t n, size_t size, int (*compare)(const void*, const void*))");
        CType compare = qsort.params().get(3).type();
        assertThat(compare.kind()).isEqualTo(CType.Kind.FUNCTION_POINTER);
        assertThat(compare.function().returns().kind()).isEqualTo(CType.Kind.INT32);
        assertThat(compare.function().params()).hasSize(2);
        assertThat(qsort.params().get(0).type().isOutPointer()).isTrue();
        assertThat(qsort.toString()).isEqualTo("void qsort(void* base, uint64_t n, uint64_t size, int32_t (*compare)(const void* arg0, const void* arg1))");
    }

    @Test
    void pointersToPointersAndConstPointers() {
        CSignature s = CSignature.parse("char** f(char* const p, const uint8_t * const * q)");
        assertThat(s.returns().pointee().isString()).isTrue();
        assertThat(s.params().get(0).type().isString()).isTrue();
        assertThat(s.params().get(1).type().isOutPointer()).isFalse();
    }

    @Test
    void refusesWhatItCannotCall() {
        assertThatThrownBy(() -> CSignature.parse("int printf(const char* f, ...)"))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("variadic");
        assertThatThrownBy(() -> CSignature.parse("struct point f(int)"))
            .hasMessageContaining("structs by value are not supported");
        assertThatThrownBy(() -> CSignature.parse("size_t strlen(const char* s"))
            .hasMessageContaining("expected ')'").hasMessageContaining("found the end");
        assertThatThrownBy(() -> CSignature.parse("size_t (const char*)"))
            .hasMessageContaining("expected the function's name, found '(' at column 8");
        assertThatThrownBy(() -> CSignature.parse("int f(void x)")).hasMessageContaining("cannot be void");
        assertThatThrownBy(() -> CSignature.parse("unsigned double f()")).hasMessageContaining("'unsigned double' is not a C type");
        assertThatThrownBy(() -> CSignature.parse("int f() garbage")).hasMessageContaining("nothing after");
        assertThatThrownBy(() -> CSignature.parse("")).hasMessageContaining("expected a type");
        assertThatThrownBy(() -> CSignature.parse("int f(int @)")).hasMessageContaining("found '@'");
    }

    @Property(tries = 300)
    void whatItPrintsReadsBackTheSame(@ForAll("signatures") CSignature signature) {
        assertThat(CSignature.parse(signature.toString())).isEqualTo(signature);
    }

    @Provide
    Arbitrary<CSignature> signatures() {
        Arbitrary<CType> scalar = Arbitraries.of(CType.Kind.values())
            .filter(k -> k != CType.Kind.POINTER && k != CType.Kind.FUNCTION_POINTER && k != CType.Kind.VOID)
            .map(CType::scalar);
        Arbitrary<CType> param = Arbitraries.oneOf(scalar, scalar.map(CType::pointerTo),
            scalar.map(t -> CType.pointerTo(t.asConst())), Arbitraries.just(CType.VOID_POINTER));
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
            .filter(n -> !n.equals("const") && !n.equals("int") && !n.equals("long") && !n.equals("short")
                && !n.equals("signed") && !n.equals("unsigned") && !n.equals("void") && !n.equals("char")
                && !n.equals("bool") && !n.equals("float") && !n.equals("double") && !n.equals("enum")
                && !n.equals("struct") && !n.equals("union") && !n.equals("volatile") && !n.equals("restrict")
                && !n.equals("extern"));
        return net.jqwik.api.Combinators.combine(names, Arbitraries.oneOf(scalar, param, Arbitraries.just(CType.VOID)),
                param.list().ofMaxSize(5))
            .as((name, returns, types) -> new CSignature(name, returns,
                java.util.stream.IntStream.range(0, types.size()).mapToObj(i -> new CParam("p" + i, types.get(i))).toList()));
    }
}
