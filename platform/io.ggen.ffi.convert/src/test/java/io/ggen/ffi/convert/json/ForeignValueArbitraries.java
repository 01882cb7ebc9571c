package io.ggen.ffi.convert.json;

import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Generators for property tests, and the provider that lets a property say
 * {@code @ForAll ForeignValue value} (registered in {@code META-INF/services}).
 *
 * <p>Generated trees are up to three levels deep, with the edges weighted in: integers around
 * ±2<sup>53</sup> and the long range, floats from random bit patterns (every NaN, subnormals,
 * -0.0), strings with control characters, astral code points and lone surrogates, maps with
 * non-string keys and with {@code $}-keys.
 */
public final class ForeignValueArbitraries implements ArbitraryProvider {

    static final long TWO_TO_53 = 1L << 53;

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(ForeignValue.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        return Set.of(values());
    }

    /** Neutral value trees up to depth 3; handles are {@link TestHandle}s. */
    public static Arbitrary<ForeignValue> values() {
        return Arbitraries.recursive(ForeignValueArbitraries::scalars, ForeignValueArbitraries::composites, 0, 3);
    }

    private static Arbitrary<ForeignValue> composites(Arbitrary<ForeignValue> elements) {
        Arbitrary<ForeignValue> lists = elements.list().ofMaxSize(4).map(ForeignValue::list);
        Arbitrary<ForeignValue> maps = Arbitraries.maps(keys(), elements).ofMaxSize(4).map(ForeignValue::map);
        return Arbitraries.oneOf(lists, maps);
    }

    private static Arbitrary<ForeignValue> keys() {
        return Arbitraries.frequencyOf(
            Tuple.of(8, strings().map(ForeignValue::of)),
            Tuple.of(2, Arbitraries.of("$bigint", "$float", "$bytes", "$map", "$handle", "$x", "$")
                .map(ForeignValue::of)),
            Tuple.of(2, scalars()));
    }

    /** Everything but lists and maps. */
    public static Arbitrary<ForeignValue> scalars() {
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(ForeignValue.NULL, ForeignValue.TRUE, ForeignValue.FALSE)),
            Tuple.of(3, longs().map(ForeignValue::of)),
            Tuple.of(2, bigIntegersBeyondLong().map(ForeignValue::of)),
            Tuple.of(3, doubles().map(ForeignValue::of)),
            Tuple.of(3, strings().map(ForeignValue::of)),
            Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(ForeignValue::of)),
            Tuple.of(1, strings().map(id -> ForeignValue.handle(new TestHandle(id)))));
    }

    /** Longs, with the JavaScript-safe boundary and the long range weighted in. */
    public static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.longs().between(-4 * TWO_TO_53, 4 * TWO_TO_53),
            Arbitraries.longs().between(-1000, 1000),
            Arbitraries.of(TWO_TO_53 - 1, TWO_TO_53, TWO_TO_53 + 1, -TWO_TO_53 + 1, -TWO_TO_53, -TWO_TO_53 - 1,
                Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    }

    /** Integers that do not fit a long, on both sides. */
    public static Arbitrary<BigInteger> bigIntegersBeyondLong() {
        BigInteger aboveMax = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(200))
            .flatMap(offset -> Arbitraries.of(aboveMax.add(offset), aboveMax.add(offset).negate().subtract(BigInteger.ONE)));
    }

    /** Doubles: ordinary ones, every bit pattern, and the special values. */
    public static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.longs().map(Double::longBitsToDouble),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 1e21, 1e-7, 0.1, (double) TWO_TO_53));
    }

    /** Strings over all of UTF-16: ASCII, controls, the BMP, astral code points, lone surrogates. */
    public static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
            Tuple.of(1, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x2028, 0x2029, 0x7f, (int) '<')),
            Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
            Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)),
            Tuple.of(1, Arbitraries.integers().between(Character.MIN_SURROGATE, Character.MAX_SURROGATE)));
        return codePoints.list().ofMaxSize(16).map(ForeignValueArbitraries::fromCodePoints);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint); // a surrogate code point appends a lone surrogate
        return text.toString();
    }
}
