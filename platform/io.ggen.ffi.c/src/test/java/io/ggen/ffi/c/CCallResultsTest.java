package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a call of a C function checks and gives back: arity, out-parameters, callbacks, unowned pointers. */
class CCallResultsTest {

    @Test
    void theArityMessageShowsTheSignature() {
        CSignature strlen = CSignature.parse("size_t strlen(const char* s)");
        strlen.checkArity(1);
        assertThatThrownBy(() -> strlen.checkArity(2))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageEndingWith("strlen takes 1 argument (const char* s), got 2; its signature: uint64_t strlen(const char* s)");
        assertThatThrownBy(() -> CSignature.parse("int f(void)").checkArity(1))
            .hasMessageEndingWith("f takes 0 arguments (void), got 1; its signature: int32_t f(void)");
    }

    @Test
    void outParametersComeBackInAMapAfterTheReturnValue() {
        assertThat(CResults.of(ForeignValue.of(1L), Map.of())).isEqualTo(ForeignValue.of(1L));
        Map<String, ForeignValue> outs = new LinkedHashMap<>();
        outs.put("n", ForeignValue.of(2L));
        outs.put("buf", ForeignValue.of("x"));
        ForeignValue.MapValue result = (ForeignValue.MapValue) CResults.of(ForeignValue.of(1L), outs);
        assertThat(result.entries().keySet()).containsExactly(ForeignValue.of("return"), ForeignValue.of("n"), ForeignValue.of("buf"));
        assertThat(result.get("n")).isEqualTo(ForeignValue.of(2L));
    }

    @Test
    void aCallbackMustHaveTheParametersSignature() {
        CParam cmp = CSignature.parse("void qsort(void* base, size_t n, size_t size, int (*cmp)(const void*, const void*))").params().get(3);
        CCallback good = CCallback.of("int compare(const void* a, const void* b)", args -> ForeignValue.of(0L));
        assertThat(good.checkPassableAs(cmp.type(), "cmp", "qsort")).isEqualTo(cmp.type().function());
        CCallback bad = CCallback.of("int compare(const int* a, const int* b)", args -> ForeignValue.of(0L));
        assertThatThrownBy(() -> bad.checkPassableAs(cmp.type(), "cmp", "qsort"))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageEndingWith("argument 'cmp' of qsort must be a callback int32_t (*)(const void* arg0, const void* arg1),"
                + " not int32_t compare(const int32_t* a, const int32_t* b)");
    }

    @Test
    void aCallbacksFailureIsRethrownAsAForeignException() {
        ForeignException foreign = new ForeignException("c", "X", "x");
        assertThat(CCallback.failure(foreign)).isSameAs(foreign);
        IllegalStateException thrown = new IllegalStateException("boom");
        assertThat(CCallback.failure(thrown)).hasMessageContaining("the callback passed to C failed: boom (C got 0 from it and went on)")
            .hasCause(thrown);
    }

    @Test
    void anAdapterKeepsTheFirstFailureGivesCZeroAndRethrowsItAfterwards() {
        CType cmp = CSignature.parse("void sort(int (*cmp)(int, int))").params().get(0).type();
        List<List<ForeignValue>> seen = new ArrayList<>();
        CCallback callback = CCallback.of("int cmp(int a, int b)", args -> {
            seen.add(args);
            if (seen.size() == 2) {
                throw new IllegalStateException("second call");
            }
            return ForeignValue.of(-1L);
        });
        CCallbackAdapter adapter = new CCallbackAdapter(callback, cmp, "cmp", "sort") {
            @Override protected ForeignValue argument(Object carrier, CType type) { return CValues.fromScalar(carrier, type); }
            @Override protected Object returned(ForeignValue value, CType type, String where) { return CValues.toScalar(value, type, "return value", where); }
            @Override protected Object zero(CType type) { return CValues.zero(type); }
        };
        adapter.rethrow();
        assertThat(adapter.invoke(new Object[] {1, 2})).isEqualTo(-1);
        assertThat(seen).containsExactly(List.of(ForeignValue.of(1L), ForeignValue.of(2L)));
        assertThat(adapter.invoke(new Object[] {3, 4})).isEqualTo(0);
        assertThat(adapter.invoke(new Object[] {5, 6})).as("not called after a failure").isEqualTo(0);
        assertThat(seen).hasSize(2);
        assertThatThrownBy(adapter::rethrow).isInstanceOf(ForeignException.class)
            .hasMessageContaining("the callback passed to C failed: second call");
    }

    @Test
    void anUnownedPointerIsNeverReleased() {
        CPointer pointer = new CPointer(0x1000, "int32_t*");
        pointer.release();
        assertThat(pointer.isReleased()).isFalse();
        assertThat(pointer.language()).isEqualTo("c");
        assertThat(pointer).hasToString("int32_t*@0x1000");
    }
}
