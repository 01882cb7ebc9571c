package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of neutral values a bridge may declare that it gives back unchanged, each with the
 * values {@link BridgeContract} sends through the bridge's echo function.
 */
public enum ValueKind {

    /** {@code null}, {@code None}, {@code undefined}. */
    NULL(List.of(ForeignValue.NULL)),
    BOOLEAN(List.of(ForeignValue.of(true), ForeignValue.of(false))),
    /** Integers that fit 32 bits. */
    INT32(List.of(ForeignValue.of(0L), ForeignValue.of(42L), ForeignValue.of(-7L),
        ForeignValue.of((long) Integer.MAX_VALUE), ForeignValue.of((long) Integer.MIN_VALUE))),
    /** Integers beyond 32 bits that a double still holds exactly (JavaScript's safe integers). */
    INT53(List.of(ForeignValue.of(1L << 40), ForeignValue.of(-(1L << 52)), ForeignValue.of((1L << 53) - 1))),
    /** The whole 64-bit range. */
    INT64(List.of(ForeignValue.of(Long.MAX_VALUE), ForeignValue.of(Long.MIN_VALUE))),
    /** Integers beyond 64 bits. */
    BIG_INTEGER(List.of(ForeignValue.of(BigInteger.TWO.pow(80)), ForeignValue.of(BigInteger.TWO.pow(70).negate()))),
    /**
     * Floating-point numbers: with a fraction, and one too large for any integer type (1e100), which
     * must stay a float (small integral ones, like 2.0, may come back as integers and are not sent).
     */
    FLOAT(List.of(ForeignValue.of(0.5), ForeignValue.of(-2.25), ForeignValue.of(1.0e100), ForeignValue.of(Math.PI))),
    STRING(List.of(ForeignValue.of(""), ForeignValue.of("hi"), ForeignValue.of("h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00"),
        ForeignValue.of("x".repeat(10_000)))),
    BYTES(List.of(ForeignValue.of(new byte[0]), ForeignValue.of(allBytes()),
        ForeignValue.of("\u2713".getBytes(StandardCharsets.UTF_8)))),
    /** Lists of strings, integers and lists (the kinds every list-taking bridge has). */
    LIST(List.of(ForeignValue.list(), ForeignValue.list(ForeignValue.of(1L), ForeignValue.of("two"),
        ForeignValue.list(ForeignValue.of(3L))))),
    /** Maps with string keys of strings, integers and maps. */
    MAP(List.of(ForeignValue.map(Map.of()), ForeignValue.map(nestedMap())));

    private final List<ForeignValue> samples;

    ValueKind(List<ForeignValue> samples) {
        this.samples = samples;
    }

    /** What the contract sends through echo for this kind. */
    public List<ForeignValue> samples() {
        return samples;
    }

    private static byte[] allBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    private static Map<ForeignValue, ForeignValue> nestedMap() {
        Map<ForeignValue, ForeignValue> inner = new LinkedHashMap<>();
        inner.put(ForeignValue.of("deep"), ForeignValue.of("yes"));
        Map<ForeignValue, ForeignValue> map = new LinkedHashMap<>();
        map.put(ForeignValue.of("name"), ForeignValue.of("ggen"));
        map.put(ForeignValue.of("count"), ForeignValue.of(3L));
        map.put(ForeignValue.of("inner"), ForeignValue.map(inner));
        return map;
    }
}
