package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An exported function of a {@link ChicoryModule}, called in an instance from the module's pool.
 * Numbers pass as themselves ({@link WasmValues}); a string or bytes argument takes two i32
 * parameters, {@code (ptr, len)}, and a function declared {@code result.NAME=string|bytes} returns
 * {@code (ptr, len)}: the {@link MemoryConvention}.
 */
final class ChicoryFunction implements GuestFunction {

    /** What a function's results are. */
    enum ResultKind {
        /** Its results as numbers: none is null, one a number, more a list. */
        NUMBERS,
        /** A UTF-8 string at {@code (ptr, len)}. */
        STRING,
        /** Bytes at {@code (ptr, len)}. */
        BYTES;

        static ResultKind parse(String option, String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "string" -> STRING;
                case "bytes" -> BYTES;
                case "number", "numbers", "i32", "i64", "f32", "f64" -> NUMBERS;
                default -> throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "the module option " + option
                    + " is string, bytes or number, not '" + value + "'");
            };
        }
    }

    /** A string or bytes argument to copy into the instance's memory before the call. */
    private record Copy(int param, byte[] bytes, boolean terminate) {
    }

    private final ChicoryModule module;
    private final String name;
    private final int ordinal;
    private final List<ValType> params;
    private final List<ValType> results;
    private final String signature;
    private final ResultKind resultKind;
    private final boolean freeResult;

    /**
     * @throws ForeignArgumentException the function's types or its declared result do not suit the bridge
     */
    ChicoryFunction(ChicoryModule module, String name, FunctionType type, ResultKind resultKind, boolean freeResult) {
        this.module = module;
        this.name = name;
        this.ordinal = module.anatomy().exportOrdinal(name);
        this.params = List.copyOf(type.params());
        this.results = List.copyOf(type.returns());
        this.signature = WasmAnatomy.signature(name, type);
        this.resultKind = resultKind;
        this.freeResult = freeResult;
        if (!params.stream().allMatch(WasmValues::isNumber) || !results.stream().allMatch(WasmValues::isNumber)) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, signature + " takes or returns a type the"
                + " bridge cannot pass: only i32, i64, f32 and f64 cross");
        }
        if (resultKind != ResultKind.NUMBERS && !(results.equals(List.of(ValType.I64))
                || results.equals(List.of(ValType.I32, ValType.I32)))) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "result." + name + "="
                + resultKind.name().toLowerCase(Locale.ROOT) + " needs " + name + " to return an i64 (ptr << 32 | len)"
                + " or two i32 (ptr, len), but it is " + signature);
        }
    }

    String signature() {
        return signature;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext context) {
        long[] raw = new long[params.size()];
        List<Copy> copies = toWasm(args, raw);
        PooledInstance instance = module.pool().acquire(context);
        Runner runner = instance.runner();
        boolean healthy = false;
        Runner.Run run = runner.begin();
        try {
            if (module.isClosed()) {
                // closed between acquire and begin: close() may have found no call to stop
                throw new BridgeUnavailableException(ChicoryWasmBridge.LANGUAGE, "the call to " + name
                    + " was stopped: its module was closed");
            }
            if (context.isCancellable()) {
                context.onCancel(() -> runner.stop(run));
            }
            ForeignValue result;
            if (copies == null) {
                result = toForeign(instance.call(ordinal, raw), instance);
            } else {
                result = callWithCopies(instance, raw, copies);
            }
            healthy = true;
            return result;
        } catch (ForeignException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw module.errors().toForeign(e, "the call to " + name, instance, context, module.isClosed());
        } finally {
            boolean stopped = runner.end(run);
            module.pool().release(instance, healthy && !stopped);
        }
    }

    private ForeignValue callWithCopies(PooledInstance instance, long[] raw, List<Copy> copies) {
        MemoryConvention convention = module.convention();
        for (Copy copy : copies) {
            raw[copy.param()] = convention.copyIn(instance, copy.bytes(), copy.terminate(), signature);
        }
        ForeignValue result = toForeign(instance.call(ordinal, raw), instance);
        for (Copy copy : copies) {
            convention.free(instance, (int) raw[copy.param()], copy.bytes().length + (copy.terminate() ? 1 : 0));
        }
        return result;
    }

    /**
     * Fills in the numbers and the lengths of strings and bytes.
     *
     * @return the strings and bytes to copy into memory, or null when there are none
     * @throws ForeignArgumentException the arguments do not fit the parameters
     */
    private List<Copy> toWasm(List<ForeignValue> args, long[] raw) {
        List<Copy> copies = null;
        int param = 0;
        for (int i = 0; i < args.size(); i++) {
            ForeignValue arg = args.get(i);
            byte[] bytes = switch (arg) {
                case ForeignValue.StringValue s -> s.value().getBytes(StandardCharsets.UTF_8);
                case ForeignValue.BytesValue b -> b.value();
                default -> null;
            };
            if (bytes != null) {
                if (param + 1 >= params.size() || !params.get(param).equals(ValType.I32)
                        || !params.get(param + 1).equals(ValType.I32)) {
                    throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "argument " + (i + 1) + " of "
                        + signature + " is a " + arg.kind().name().toLowerCase(Locale.ROOT) + ", which takes two i32"
                        + " parameters (ptr, len); " + (param < params.size() ? "parameter " + (param + 1) + " is not"
                        + " followed by another i32" : "there are no parameters left for it"));
                }
                if (copies == null) {
                    copies = new ArrayList<>(2);
                }
                copies.add(new Copy(param, bytes, arg instanceof ForeignValue.StringValue));
                raw[param + 1] = bytes.length;
                param += 2;
            } else {
                if (param >= params.size()) {
                    throw arity(args);
                }
                Long value = WasmValues.toWasm(arg, params.get(param));
                if (value == null) {
                    throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "argument " + (i + 1) + " of "
                        + signature + " is an " + WasmAnatomy.typeName(params.get(param)) + ": it takes "
                        + WasmValues.takes(params.get(param)) + ", not the " + arg.kind().name().toLowerCase(Locale.ROOT)
                        + " " + arg);
                }
                raw[param++] = value;
            }
        }
        if (param != params.size()) {
            throw arity(args);
        }
        return copies;
    }

    private ForeignArgumentException arity(List<ForeignValue> args) {
        return new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, signature + " takes " + params.size()
            + " parameter(s), but the " + args.size() + " argument(s) given fill a different number (a number fills"
            + " one, a string or bytes two: ptr and len)");
    }

    private ForeignValue toForeign(long[] raw, PooledInstance instance) {
        if (resultKind == ResultKind.NUMBERS) {
            return switch (results.size()) {
                case 0 -> ForeignValue.NULL;
                case 1 -> WasmValues.toForeign(raw[0], results.getFirst());
                default -> {
                    List<ForeignValue> values = new ArrayList<>(results.size());
                    for (int i = 0; i < results.size(); i++) {
                        values.add(WasmValues.toForeign(raw[i], results.get(i)));
                    }
                    yield ForeignValue.list(values);
                }
            };
        }
        int ptr = results.size() == 1 ? (int) (raw[0] >>> 32) : (int) raw[0];
        int len = results.size() == 1 ? (int) raw[0] : (int) raw[1];
        byte[] bytes = MemoryConvention.copyOut(instance, ptr, len, signature);
        if (freeResult) {
            module.convention().free(instance, ptr, len);
        }
        if (resultKind == ResultKind.BYTES) {
            return ForeignValue.of(bytes);
        }
        try {
            return ForeignValue.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "BadResult", signature + " returned " + len
                + " bytes that are not UTF-8; declare result." + name + "=bytes to get them as bytes", List.of(), e);
        }
    }

    @Override
    public String toString() {
        return signature;
    }
}
