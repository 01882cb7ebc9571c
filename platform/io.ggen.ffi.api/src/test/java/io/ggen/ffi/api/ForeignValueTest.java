package io.ggen.ffi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignValueTest {

    @Test
    void integersThatFitALongAreNeverBig() {
        assertThat(ForeignValue.of(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(ForeignValue.of(Long.MAX_VALUE));
        assertThat(ForeignValue.of(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(ForeignValue.of(Long.MIN_VALUE));
        BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        assertThat(ForeignValue.of(beyond)).isInstanceOf(ForeignValue.BigIntValue.class);
        assertThatThrownBy(() -> new ForeignValue.BigIntValue(BigInteger.TEN))
            .hasMessageContaining("fits a long");
    }

    @Test
    void smallIntegersAreMadeOnceAndEveryIntegerKeepsItsValue() {
        assertThat(ForeignValue.of(42)).isSameAs(ForeignValue.of(42));
        for (long v : new long[] {Long.MIN_VALUE, -129, -128, -1, 0, 1, 1023, 1024, Long.MAX_VALUE}) {
            assertThat(ForeignValue.of(v).value()).as("%d", v).isEqualTo(v);
            assertThat(ForeignValue.of(v)).isEqualTo(new ForeignValue.IntValue(v));
        }
    }

    @Test
    void bytesListsAndMapsCannotBeChangedFromOutside() {
        byte[] raw = {1, 2, 3};
        ForeignValue.BytesValue bytes = (ForeignValue.BytesValue) ForeignValue.of(raw);
        raw[0] = 9;
        bytes.value()[1] = 9;
        assertThat(bytes.value()).containsExactly(1, 2, 3);
        assertThat(bytes).isEqualTo(ForeignValue.of(new byte[] {1, 2, 3}));

        List<ForeignValue> items = new ArrayList<>(List.of(ForeignValue.of(1)));
        ForeignValue.ListValue list = ForeignValue.list(items);
        items.add(ForeignValue.of(2));
        assertThat(list.size()).isEqualTo(1);

        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        entries.put(ForeignValue.of("b"), ForeignValue.of(2));
        entries.put(ForeignValue.of("a"), ForeignValue.of(1));
        ForeignValue.MapValue map = ForeignValue.map(entries);
        entries.clear();
        assertThat(map.entries().keySet()).containsExactly(ForeignValue.of("b"), ForeignValue.of("a"));
        assertThat(map.get("a")).isEqualTo(ForeignValue.of(1));
        assertThatThrownBy(() -> map.entries().put(ForeignValue.NULL, ForeignValue.NULL))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullsInsideAMapMustBeTheNullValue() {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        entries.put(ForeignValue.of("k"), null);
        assertThatThrownBy(() -> ForeignValue.map(entries)).hasMessageContaining("ForeignValue.NULL");
        assertThat(ForeignValue.of((String) null)).isSameAs(ForeignValue.NULL);
    }

    @Test
    void foreignFramesStandOnTopOfTheJavaStackTrace() {
        ForeignException e = new ForeignException("javascript", "TypeError", "bad", List.of(
            new ForeignFrame("inner", "lib.js", 2, 5), new ForeignFrame(null, null, -1, -1)), null);
        assertThat(e.getMessage()).isEqualTo("[javascript] TypeError: bad");
        StackTraceElement top = e.getStackTrace()[0];
        assertThat(top.getClassName()).isEqualTo("<javascript>");
        assertThat(top.getMethodName()).isEqualTo("inner");
        assertThat(top.getFileName()).isEqualTo("lib.js");
        assertThat(top.getLineNumber()).isEqualTo(2);
        assertThat(e.getStackTrace()[1].getMethodName()).isEqualTo("<unknown>");
        assertThat(e.getStackTrace()[2].getClassName()).isEqualTo(ForeignValueTest.class.getName());
        assertThat(e.foreignFrames().get(0)).hasToString("inner (lib.js:2)");
    }

    @Test
    void optionsAndSpecsAreImmutableValues() {
        CallOptions base = CallOptions.DEFAULT;
        CallOptions withTimeout = base.withTimeout(java.time.Duration.ofSeconds(1)).withAttribute("cache.pure", "true");
        assertThat(base.timeout()).isEmpty();
        assertThat(withTimeout.attribute("cache.pure")).contains("true");
        assertThatThrownBy(() -> base.withTimeout(java.time.Duration.ZERO)).hasMessageContaining("positive");

        ModuleSpec spec = ModuleSpec.code("js", "function f() {}\nfunction g() {}");
        assertThat(spec.withBridge("graaljs")).isNotEqualTo(spec);
        assertThat(spec.describe()).isEqualTo("<code: function f() {}>");
        assertThatThrownBy(() -> ModuleSpec.code(" ", "x")).hasMessageContaining("language");
    }

    @Test
    void aBatchResultIsAValueOrAnError() {
        ForeignException error = new ForeignArgumentException("x", "no");
        assertThat(BatchResult.success(ForeignValue.TRUE).get()).isEqualTo(ForeignValue.TRUE);
        assertThatThrownBy(() -> BatchResult.failure(error).get()).isSameAs(error);
        assertThatThrownBy(() -> new BatchResult(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
