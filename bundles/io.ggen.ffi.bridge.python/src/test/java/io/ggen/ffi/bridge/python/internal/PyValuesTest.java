package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.bridge.python.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PyValuesTest {

    private static GraalPyBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        module = TestSupport.code(bridge, """
            def same(x): return x
            def echo(x): return x
            def echo_or_none(x): return None if x == 0 else x
            def type_of(x): return type(x).__name__
            def big(): return 2 ** 70
            def half(): return 2.0
            def googol(): return 1e100
            def pair(): return (1, 'two')
            def nested(): return {'a': [1, 2.5, None, True], 'b': {'c': b'\\x00\\xff'}, 3: 'int key'}
            def total(*numbers): return sum(numbers)
            """);
    }

    @AfterAll
    static void stop() {
        module.close();
        bridge.deactivate();
    }

    @Test
    void primitivesRoundTrip() {
        for (ForeignValue v : List.of(str("text ü"), ForeignValue.of(42), ForeignValue.of(-7L), ForeignValue.of(1.5),
                ForeignValue.of(true), ForeignValue.NULL, ForeignValue.of(Long.MAX_VALUE), ForeignValue.of(Long.MIN_VALUE))) {
            assertThat(call(module, "same", v)).isEqualTo(v);
        }
        assertThat(call(module, "type_of", ForeignValue.of(1))).isEqualTo(str("int"));
        assertThat(call(module, "type_of", ForeignValue.of(1.0))).isEqualTo(str("float"));
        assertThat(call(module, "type_of", ForeignValue.NULL)).isEqualTo(str("NoneType"));
    }

    @Test
    void aFunctionWhoseResultsWereIntegersStillConvertsEveryOtherKind() {
        // while a function's results are integers they are read straight as such; a bool is not one, nor is 2.0
        assertThat(call(module, "echo", ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
        assertThat(call(module, "echo", ForeignValue.of(true))).isEqualTo(ForeignValue.of(true));
        assertThat(call(module, "echo", ForeignValue.of(false))).isEqualTo(ForeignValue.of(false));
        assertThat(call(module, "echo", ForeignValue.of(0))).isEqualTo(ForeignValue.of(0));   // 0 and 1: asked which
        assertThat(call(module, "echo", ForeignValue.of(Long.MAX_VALUE))).isEqualTo(ForeignValue.of(Long.MAX_VALUE));
        for (ForeignValue v : List.of(ForeignValue.of(2.0), ForeignValue.of(BigInteger.TWO.pow(70)), ForeignValue.of(1.5),
                str("text"), ForeignValue.of(true), ForeignValue.NULL, ForeignValue.of(3))) {
            assertThat(call(module, "echo", v)).isEqualTo(v);
        }
        // the first result that is not an integer is None (asLong throws another exception for it)
        assertThat(call(module, "echo_or_none", ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
        assertThat(call(module, "echo_or_none", ForeignValue.of(0))).isEqualTo(ForeignValue.NULL);
        assertThat(call(module, "echo_or_none", ForeignValue.of(5))).isEqualTo(ForeignValue.of(5));
    }

    @Test
    void anIntegralFloatResultStaysAFloatWhateverTheNumberOfArguments() {
        for (int arity = 0; arity <= 6; arity++) {
            ForeignValue[] floats = new ForeignValue[arity];
            ForeignValue[] ints = new ForeignValue[arity];
            for (int i = 0; i < arity; i++) {
                floats[i] = ForeignValue.of(2.0);
                ints[i] = ForeignValue.of(2);
            }
            assertThat(call(module, "total", floats)).as("sum of %d floats", arity)
                .isEqualTo(arity == 0 ? ForeignValue.of(0) : ForeignValue.of(2.0 * arity));
            assertThat(call(module, "total", ints)).as("sum of %d ints", arity).isEqualTo(ForeignValue.of(2 * arity));
        }
    }

    @Test
    void integersBeyond64BitsAreBigIntegersBothWays() {
        assertThat(TestSupport.plain(call(module, "big"))).isEqualTo(BigInteger.TWO.pow(70));
        ForeignValue huge = ForeignValue.of(new BigInteger("123456789012345678901234567890"));
        assertThat(call(module, "same", huge)).isEqualTo(huge);
        assertThat(call(module, "type_of", huge)).isEqualTo(str("int"));
    }

    @Test
    void anIntegralFloatStaysAFloat() {
        assertThat(call(module, "half")).isEqualTo(ForeignValue.of(2.0));
    }

    /** GraalPy's {@code float.is_integer()} is False beyond 64 bits: such a float came back as an integer. */
    @Test
    void anIntegralFloatBeyond64BitsStaysAFloat() {
        assertThat(call(module, "googol")).isEqualTo(ForeignValue.of(1e100));
        for (double v : new double[] {1e19, -1e19, 0x1p63, 1e100, -1e300, Double.MAX_VALUE, 0x1p52 + 1}) {
            assertThat(call(module, "same", ForeignValue.of(v))).as("same(%s)", v).isEqualTo(ForeignValue.of(v));
        }
        assertThat(call(module, "same", ForeignValue.of(Double.POSITIVE_INFINITY)))
            .isEqualTo(ForeignValue.of(Double.POSITIVE_INFINITY));
        assertThat(call(module, "same", ForeignValue.of(Double.NaN))).isEqualTo(ForeignValue.of(Double.NaN));
    }

    @Test
    void bytesRoundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat((byte[]) TestSupport.plain(call(module, "same", ForeignValue.of(all)))).isEqualTo(all);
        assertThat(call(module, "type_of", ForeignValue.of(all))).isEqualTo(str("bytes"));
    }

    @Test
    void listsTuplesAndDictsRoundTrip() {
        assertThat(call(module, "pair")).isEqualTo(ForeignValue.list(List.of(ForeignValue.of(1), str("two"))));
        Map<ForeignValue, ForeignValue> map = new LinkedHashMap<>();
        map.put(str("k"), ForeignValue.list(List.of(ForeignValue.of(1), ForeignValue.NULL)));
        map.put(ForeignValue.of(7), str("seven"));
        ForeignValue dict = ForeignValue.map(map);
        assertThat(call(module, "same", dict)).isEqualTo(dict);
        assertThat(call(module, "type_of", dict)).isEqualTo(str("dict"));
        Map<?, ?> nested = (Map<?, ?>) TestSupport.plain(call(module, "nested"));
        assertThat(nested.get("a")).isEqualTo(java.util.Arrays.asList(1L, 2.5, null, true));
        assertThat((byte[]) ((Map<?, ?>) nested.get("b")).get("c")).containsExactly(0, 0xff);
        assertThat(nested.get(3L)).isEqualTo("int key");
    }
}
