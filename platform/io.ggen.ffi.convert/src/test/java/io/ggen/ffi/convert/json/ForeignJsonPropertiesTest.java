package io.ggen.ffi.convert.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Neutral value to JSON and back, for generated values. */
class ForeignJsonPropertiesTest {

    private static final Function<ForeignHandle, String> IDS = handle -> ((TestHandle) handle).id();
    private static final Function<String, ForeignHandle> HANDLES = TestHandle::new;

    @Property
    void everyValueSurvivesJson(@ForAll ForeignValue value) {
        String json = ForeignJson.toJson(value, IDS);

        ForeignValue read = ForeignJson.parse(json, HANDLES);

        assertThat(read).isEqualTo(value);
        // the same text again: map order and number forms are kept, not just equality
        assertThat(ForeignJson.toJson(read, IDS)).isEqualTo(json);
    }

    @Property
    void jsonIsValidUnicodeEvenForLoneSurrogates(@ForAll ForeignValue value) {
        String json = ForeignJson.toJson(value, IDS);

        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).as(json).isTrue();
        assertThat(json).doesNotContain("\n", "\r", "\u2028", "\u2029");
    }

    @Property(tries = 300)
    void prettyJsonReadsBackTheSame(@ForAll ForeignValue value) {
        assertThat(ForeignJson.parse(ForeignJson.toPrettyJson(value), id -> new TestHandle(id.substring(5))))
            .isEqualTo(value);
    }

    @Property
    void integersAreNumbersExactlyWhenJavaScriptCanHoldThem(@ForAll("longs") long integer) {
        String json = ForeignJson.toJson(ForeignValue.of(integer));

        boolean safe = Math.abs((double) integer) < ForeignValueArbitraries.TWO_TO_53 && integer != Long.MIN_VALUE;
        assertThat(json).isEqualTo(safe ? Long.toString(integer) : "{\"$bigint\":\"" + integer + "\"}");
        assertThat(ForeignJson.parse(json)).isEqualTo(ForeignValue.of(integer));
    }

    @Property
    void plainJsonIntegerLiteralsOfAnySizeAreIntegers(@ForAll("bigIntegers") BigInteger integer) {
        ForeignValue read = ForeignJson.parse(integer.toString());

        assertThat(read).isEqualTo(ForeignValue.of(integer));
        assertThat(read.kind()).isEqualTo(integer.bitLength() < 64 ? ForeignValue.Kind.INTEGER : ForeignValue.Kind.BIG_INTEGER);
    }

    @Property
    void floatsStayFloatsBitForBit(@ForAll("doubles") double d) {
        ForeignValue read = ForeignJson.parse(ForeignJson.toJson(ForeignValue.of(d)));

        assertThat(read).isInstanceOf(ForeignValue.FloatValue.class);
        assertThat(Double.doubleToLongBits(((ForeignValue.FloatValue) read).value())).isEqualTo(Double.doubleToLongBits(d));
    }

    @Provide
    Arbitrary<Long> longs() {
        return ForeignValueArbitraries.longs();
    }

    @Provide
    Arbitrary<BigInteger> bigIntegers() {
        return net.jqwik.api.Arbitraries.oneOf(ForeignValueArbitraries.bigIntegersBeyondLong(),
            ForeignValueArbitraries.longs().map(BigInteger::valueOf));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return ForeignValueArbitraries.doubles();
    }
}
