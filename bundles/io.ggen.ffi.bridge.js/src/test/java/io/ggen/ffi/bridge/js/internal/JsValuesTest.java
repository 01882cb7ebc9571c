package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue.FloatValue;
import io.ggen.ffi.api.ForeignValue.HandleValue;
import io.ggen.ffi.api.ForeignValue.MapValue;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsValuesTest {

    private static GraalJsBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        module = TestSupport.code(bridge, """
            function id(x) { return x; }
            function echo(x) { return x; }
            function echoOrNothing(x) { return x === 0 ? undefined : x; }
            function typeOf(x) {
              if (x === null) return 'null';
              if (Array.isArray(x)) return 'array';
              if (x instanceof Uint8Array) return 'Uint8Array';
              return typeof x;
            }
            function produce(what) { return eval(what); }
            function twice(list) { list.push(...list); return list; }
            function keys(o) { return Object.keys(o).join(','); }
            function proto(o) { return Object.getPrototypeOf(o) === Object.prototype; }
            """);
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    static Object[][] roundTrips() {
        Map<ForeignValue, ForeignValue> inner = new LinkedHashMap<>();
        inner.put(str("z"), ForeignValue.list(ForeignValue.of(1), ForeignValue.NULL, ForeignValue.of(2.5)));
        inner.put(str("a"), ForeignValue.map(Map.of(str("deep"), ForeignValue.TRUE)));
        return new Object[][] {
            {ForeignValue.NULL, "null"},
            {ForeignValue.TRUE, "boolean"},
            {ForeignValue.FALSE, "boolean"},
            {ForeignValue.of(0), "number"},
            {ForeignValue.of(-42), "number"},
            {ForeignValue.of(1L << 53), "number"},
            {ForeignValue.of(-(1L << 53)), "number"},
            {ForeignValue.of((1L << 53) + 1), "bigint"},
            {ForeignValue.of(Long.MAX_VALUE), "bigint"},
            {ForeignValue.of(Long.MIN_VALUE), "bigint"},
            {ForeignValue.of(BigInteger.TWO.pow(100).negate()), "bigint"},
            {ForeignValue.of(3.25), "number"},
            {ForeignValue.of(Double.NaN), "number"},
            {ForeignValue.of(Double.POSITIVE_INFINITY), "number"},
            {ForeignValue.of(Double.NEGATIVE_INFINITY), "number"},
            {ForeignValue.of(-0.0), "number"},
            {str(""), "string"},
            {str("héllo wörld \uD83D\uDE00 \uD834\uDD1E 漢字"), "string"},
            {ForeignValue.of(new byte[] {0, 1, -1, 127, -128}), "Uint8Array"},
            {ForeignValue.of(new byte[0]), "Uint8Array"},
            {ForeignValue.list(), "array"},
            {ForeignValue.list(ForeignValue.of(1), str("two"), ForeignValue.list(ForeignValue.of(3.5))), "array"},
            {ForeignValue.map(Map.of()), "object"},
            {new MapValue(inner), "object"},
        };
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void neutralValuesRoundTrip(ForeignValue value, String jsType) {
        assertThat(call(module, "typeOf", value)).isEqualTo(str(jsType));
        assertThat(call(module, "id", value)).isEqualTo(value);
    }

    @Test
    void aFunctionWhoseResultsWereIntegersStillConvertsEveryOtherKind() {
        // while a function's results are integers they are read straight as such; the first that is not ends that
        assertThat(call(module, "echo", ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
        assertThat(call(module, "echo", ForeignValue.of(Long.MIN_VALUE + 1))).isEqualTo(ForeignValue.of(Long.MIN_VALUE + 1));
        BigInteger big = BigInteger.TWO.pow(70);
        for (ForeignValue v : List.of(ForeignValue.of(1.5), ForeignValue.of(big), str("text"), ForeignValue.of(true),
                ForeignValue.NULL, ForeignValue.of(3))) {
            assertThat(call(module, "echo", v)).isEqualTo(v);
        }
        // the first result that is not an integer is null (asLong throws another exception for it)
        assertThat(call(module, "echoOrNothing", ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
        assertThat(call(module, "echoOrNothing", ForeignValue.of(0))).isEqualTo(ForeignValue.NULL);
        assertThat(call(module, "echoOrNothing", ForeignValue.NULL)).isEqualTo(ForeignValue.NULL);
        assertThat(call(module, "echoOrNothing", ForeignValue.of(5))).isEqualTo(ForeignValue.of(5));
    }

    @Test
    void negativeZeroStaysAFloat() {
        ForeignValue back = call(module, "id", ForeignValue.of(-0.0));
        assertThat(back).isInstanceOf(FloatValue.class);
        assertThat(Double.doubleToRawLongBits(((FloatValue) back).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void largeListsAndMapsCrossInChunks() {
        ForeignValue[] items = new ForeignValue[1000];
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            items[i] = ForeignValue.of(i);
            entries.put(str("k" + i), ForeignValue.of(i));
        }
        ForeignValue list = ForeignValue.list(items);
        assertThat(call(module, "id", list)).isEqualTo(list);
        assertThat(call(module, "id", ForeignValue.map(entries))).isEqualTo(ForeignValue.map(entries));
    }

    @Test
    void listsArriveAsRealArraysAndMapsAsPlainObjects() {
        assertThat(call(module, "twice", ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2))))
            .isEqualTo(ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2), ForeignValue.of(1), ForeignValue.of(2)));
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        entries.put(str("b"), ForeignValue.of(1));
        entries.put(str("__proto__"), ForeignValue.of(2));
        entries.put(str("a"), ForeignValue.of(3));
        assertThat(call(module, "keys", ForeignValue.map(entries))).isEqualTo(str("b,__proto__,a"));
        assertThat(call(module, "proto", ForeignValue.map(entries))).isEqualTo(ForeignValue.TRUE);
    }

    @Test
    void javaScriptResultsMapToNeutralKinds() {
        assertThat(call(module, "produce", str("undefined"))).isEqualTo(ForeignValue.NULL);
        assertThat(call(module, "produce", str("5.0"))).isEqualTo(ForeignValue.of(5));
        assertThat(call(module, "produce", str("2n ** 70n"))).isEqualTo(ForeignValue.of(BigInteger.TWO.pow(70)));
        assertThat(call(module, "produce", str("5n"))).isEqualTo(ForeignValue.of(5));
        assertThat(call(module, "produce", str("1e300"))).isEqualTo(ForeignValue.of(1e300));
        assertThat(call(module, "produce", str("new Uint8Array([1, 2, 255]).subarray(1)")))
            .isEqualTo(ForeignValue.of(new byte[] {2, -1}));
        assertThat(call(module, "produce", str("new Int8Array([-1, 2])"))).isEqualTo(ForeignValue.of(new byte[] {-1, 2}));
        assertThat(call(module, "produce", str("new Uint8Array([7, 8]).buffer"))).isEqualTo(ForeignValue.of(new byte[] {7, 8}));
        assertThat(call(module, "produce", str("new Int32Array([1, -2])")))
            .isEqualTo(ForeignValue.list(ForeignValue.of(1), ForeignValue.of(-2)));
        assertThat(call(module, "produce", str("Object.assign(Object.create(null), {x: 1})")))
            .isEqualTo(ForeignValue.map(Map.of(str("x"), ForeignValue.of(1))));
    }

    @Test
    void objectsWithoutNeutralFormBecomeHandles() {
        for (String expression : new String[] {"new Date(0)", "new (class Point { })()", "Promise.resolve(1)",
            "(function named() {})", "new Map()", "Symbol('s')"}) {
            assertThat(call(module, "produce", str(expression))).as(expression).isInstanceOf(HandleValue.class);
        }
        ForeignValue nested = call(module, "produce", str("({ name: 'x', act() { return 1; } })"));
        assertThat(((MapValue) nested).get("name")).isEqualTo(str("x"));
        assertThat(((MapValue) nested).get("act")).isInstanceOf(HandleValue.class);
        assertThat(((HandleValue) call(module, "produce", str("new (class Point { })()"))).handle().typeName())
            .isEqualTo("Point");
    }

    @Test
    void cyclicResultsFailInsteadOfOverflowing() {
        assertThatThrownBy(() -> call(module, "produce", str("(() => { const a = []; a.push(a); return a; })()")))
            .hasMessageContaining("nested deeper than");
    }

    @Test
    void mapsNeedStringKeys() {
        assertThatThrownBy(() -> call(module, "id", ForeignValue.map(Map.of(ForeignValue.of(1), str("one")))))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("keys are strings");
    }
}
