package io.ggen.ffi.cache.internal;

import io.ggen.ffi.api.ForeignValue;
import java.util.List;

/**
 * A cache key: the function and the argument values. Neutral values are immutable records with
 * value equality, so the argument list is the key as it is.
 */
record CallKey(FunctionKey function, List<ForeignValue> args) {

    /**
     * A rough size of the values, in bytes, or -1 when one of them cannot be part of a key (a
     * handle: its identity, not its value, matters) or the size passes {@code limit}.
     */
    static long keySize(List<ForeignValue> values, long limit) {
        long size = 0;
        for (ForeignValue value : values) {
            long one = size(value, limit - size);
            if (one < 0) {
                return -1;
            }
            size += one;
            if (size > limit) {
                return -1;
            }
        }
        return size;
    }

    private static long size(ForeignValue value, long limit) {
        return switch (value) {
            case ForeignValue.StringValue s -> s.value().length() * 2L;
            case ForeignValue.BytesValue b -> b.value().length;
            case ForeignValue.BigIntValue b -> b.value().bitLength() / 8 + 1;
            case ForeignValue.ListValue l -> keySize(l.values(), limit);
            case ForeignValue.MapValue m -> {
                long keys = keySize(List.copyOf(m.entries().keySet()), limit);
                long values = keys < 0 ? -1 : keySize(List.copyOf(m.entries().values()), limit - keys);
                yield values < 0 ? -1 : keys + values;
            }
            case ForeignValue.HandleValue h -> -1;
            default -> 8;
        };
    }

    /** Whether a result can be kept: no handle in it (a handle is released by the caller who got it). */
    static boolean cacheable(ForeignValue value) {
        return switch (value) {
            case ForeignValue.HandleValue h -> false;
            case ForeignValue.ListValue l -> l.values().stream().allMatch(CallKey::cacheable);
            case ForeignValue.MapValue m -> m.entries().values().stream().allMatch(CallKey::cacheable)
                && m.entries().keySet().stream().allMatch(CallKey::cacheable);
            default -> true;
        };
    }
}
