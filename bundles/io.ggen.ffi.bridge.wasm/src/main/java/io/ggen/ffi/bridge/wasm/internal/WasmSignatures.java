package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signatures of a module's exported functions, from their WebAssembly types: i32 is
 * {@code int32}, i64 {@code int}, f32 {@code float32}, f64 {@code float}; no result is {@code null},
 * several are a list ({@code list<T>} when they have one type, else {@code list<any>}). The memory
 * convention's options tell the rest: {@code result.NAME=string|bytes} makes the result a string or
 * bytes, and {@value #PARAMS_PREFIX}{@code NAME} lists the parameters as callers give them, where a
 * {@code string} or {@code bytes} fills two i32 parameters {@code (ptr, len)}. Parameters are named
 * from the module's name section when it has one, else {@code arg0}, {@code arg1}... Functions of
 * other types (v128, references), which cannot be bound, and the convention's allocator and
 * deallocator are left out.
 */
final class WasmSignatures {

    /** The module option that lists a function's parameters in neutral type names: {@code params.greet=string}. */
    static final String PARAMS_PREFIX = "params.";

    private WasmSignatures() {
    }

    /**
     * Reads the signatures.
     *
     * @throws ForeignArgumentException a {@value #PARAMS_PREFIX}{@code NAME} option does not fit the function's type
     */
    static List<FunctionSignature> of(WasmAnatomy anatomy, MemoryConvention convention, ModuleSpec spec) {
        List<FunctionSignature> signatures = new ArrayList<>();
        for (String name : anatomy.functionNames()) {
            FunctionType type = anatomy.exportType(name).orElseThrow();
            boolean numbers = type.params().stream().allMatch(WasmValues::isNumber)
                && type.returns().stream().allMatch(WasmValues::isNumber);
            if (!numbers || name.equals(convention.alloc()) || name.equals(convention.dealloc())) {
                continue;
            }
            List<String> given = spec.option(PARAMS_PREFIX + name)
                .map(value -> List.of(value.split(",", -1))).orElse(null);
            String result = spec.option(ChicoryModule.RESULT_PREFIX + name)
                .map(value -> ChicoryFunction.ResultKind.parse(ChicoryModule.RESULT_PREFIX + name, value))
                .map(kind -> switch (kind) {
                    case STRING -> "string";
                    case BYTES -> "bytes";
                    case NUMBERS -> results(type.returns());
                })
                .orElseGet(() -> results(type.returns()));
            signatures.add(new FunctionSignature(name, parameters(anatomy, name, type.params(), given), result, "", false));
        }
        return List.copyOf(signatures);
    }

    private static List<FunctionSignature.Parameter> parameters(WasmAnatomy anatomy, String function,
                                                                List<ValType> params, List<String> given) {
        List<FunctionSignature.Parameter> parameters = new ArrayList<>();
        if (given == null) {
            for (int i = 0; i < params.size(); i++) {
                parameters.add(new FunctionSignature.Parameter(name(anatomy, function, i, i), typeName(params.get(i)), false));
            }
            return parameters;
        }
        int param = 0;
        for (String entry : given) {
            String type = entry.strip().toLowerCase(Locale.ROOT);
            boolean pointer = type.equals("string") || type.equals("bytes");
            if (pointer ? param + 1 >= params.size() || !params.get(param).equals(ValType.I32)
                    || !params.get(param + 1).equals(ValType.I32)
                    : param >= params.size() || !type.equals(typeName(params.get(param)))) {
                throw wrongParams(function, params, given, "'" + entry.strip() + "' does not fit "
                    + (param < params.size() ? "parameter " + (param + 1) : "past the last parameter"));
            }
            parameters.add(new FunctionSignature.Parameter(name(anatomy, function, param, parameters.size()), type, false));
            param += pointer ? 2 : 1;
        }
        if (param != params.size()) {
            throw wrongParams(function, params, given, "they fill " + param + " of its " + params.size() + " parameters");
        }
        return parameters;
    }

    private static ForeignArgumentException wrongParams(String function, List<ValType> params, List<String> given,
                                                        String why) {
        return new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "the module option " + PARAMS_PREFIX + function
            + "=" + String.join(",", given) + " does not fit " + function + params.stream().map(WasmAnatomy::typeName)
            .collect(Collectors.joining(", ", "(", ")")) + ": " + why + "; list each parameter as int32, int, float32 or float"
            + " (its type), or string or bytes for two i32 (ptr, len)");
    }

    /** The name section's name of the parameter, else {@code argN}. */
    private static String name(WasmAnatomy anatomy, String function, int local, int position) {
        NameCustomSection names = anatomy.module().nameSection();
        String name = names == null ? null : names.nameOfLocal(anatomy.exportIndex(function), local);
        return name == null || name.isBlank() ? "arg" + position : name;
    }

    private static String results(List<ValType> returns) {
        return switch (returns.size()) {
            case 0 -> "null";
            case 1 -> typeName(returns.getFirst());
            default -> {
                List<String> types = returns.stream().map(WasmSignatures::typeName).distinct().toList();
                yield "list<" + (types.size() == 1 ? types.getFirst() : FunctionSignature.ANY) + ">";
            }
        };
    }

    /** A number type's neutral name. */
    static String typeName(ValType type) {
        if (type.equals(ValType.I32)) {
            return "int32";
        }
        if (type.equals(ValType.I64)) {
            return "int";
        }
        if (type.equals(ValType.F32)) {
            return "float32";
        }
        return type.equals(ValType.F64) ? "float" : FunctionSignature.ANY;
    }
}
