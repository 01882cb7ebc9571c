package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import io.ggen.ffi.api.ForeignException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a parsed module declares, as the bridge needs it: its exported functions with their types,
 * what it imports, its memory, and names for stack frames.
 */
final class WasmAnatomy {

    /** The import module of WASI preview 1. */
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    /** The export a WASI reactor runs once before its other exports. */
    static final String INITIALIZE = "_initialize";

    private final WasmModule module;
    private final int importedFunctions;
    /** Exported functions' indexes by name, in the module's order. */
    private final Map<String, Integer> exports = new LinkedHashMap<>();
    /** Exported functions' positions among the exported functions, by name. */
    private final Map<String, Integer> ordinals = new java.util.HashMap<>();
    private final List<Import> imports;
    /** Exported functions' names, in the module's order. */
    private final List<String> exportNames;

    WasmAnatomy(WasmModule module) {
        this.module = module;
        this.imports = module.importSection().stream().toList();
        this.importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                ordinals.put(export.name(), exports.size());
                exports.put(export.name(), export.index());
            }
        }
        this.exportNames = List.copyOf(exports.keySet());
    }

    WasmModule module() {
        return module;
    }

    /** The names of the exported functions, in the module's order, {@value #INITIALIZE} left out. */
    List<String> functionNames() {
        return exports.keySet().stream().filter(name -> !INITIALIZE.equals(name)).toList();
    }

    boolean exports(String name) {
        return exports.containsKey(name);
    }

    /** The name of the exported function at this position among the exported functions. */
    String functionAt(int ordinal) {
        return exportNames.get(ordinal);
    }

    /** How many functions it exports. */
    int exportCount() {
        return exports.size();
    }

    /** The position of an exported function among the exported functions, -1 when there is none of that name. */
    int exportOrdinal(String name) {
        return ordinals.getOrDefault(name, -1);
    }

    /** The function index of an exported function; it must be exported. */
    int exportIndex(String name) {
        return exports.get(name);
    }

    /** The type of an exported function, if the module exports one of that name. */
    Optional<FunctionType> exportType(String name) {
        Integer index = exports.get(name);
        return index == null ? Optional.empty() : Optional.of(type(index));
    }

    /** The type of the function with this index (imports first, as in the module's function index space). */
    FunctionType type(int functionIndex) {
        if (functionIndex < importedFunctions) {
            int seen = 0;
            for (Import imported : imports) {
                if (imported instanceof FunctionImport function && seen++ == functionIndex) {
                    return module.typeSection().getType(function.typeIndex());
                }
            }
        }
        return module.typeSection().getType(module.functionSection().getFunctionType(functionIndex - importedFunctions));
    }

    /** Whether it imports anything from WASI preview 1. */
    boolean importsWasi() {
        return imports.stream().anyMatch(i -> WASI_MODULE.equals(i.module()));
    }

    /** The imports that are not WASI functions: none of them can be given, so a module with any does not link. */
    List<String> foreignImports() {
        return imports.stream()
            .filter(i -> !(WASI_MODULE.equals(i.module()) && i.importType() == ExternalType.FUNCTION))
            .map(i -> i.module() + "." + i.name() + " (" + i.importType().name().toLowerCase(java.util.Locale.ROOT) + ")")
            .toList();
    }

    /** The limits of the module's own memory, if it defines one (an imported memory counts as a foreign import). */
    Optional<MemoryLimits> memoryLimits() {
        for (Import imported : imports) {
            if (imported instanceof MemoryImport memory) {
                return Optional.of(memory.limits());
            }
        }
        return module.memorySection().filter(s -> s.memoryCount() > 0).map(s -> s.getMemory(0).limits());
    }

    /** A function's name for frames: from the name section, else its export or import name, else {@code func[N]}. */
    String functionName(int functionIndex) {
        NameCustomSection names = module.nameSection();
        String name = names == null ? null : names.nameOfFunction(functionIndex);
        if (name != null) {
            return name;
        }
        for (Map.Entry<String, Integer> export : exports.entrySet()) {
            if (export.getValue() == functionIndex) {
                return export.getKey();
            }
        }
        if (functionIndex < importedFunctions) {
            int seen = 0;
            for (Import imported : imports) {
                if (imported instanceof FunctionImport && seen++ == functionIndex) {
                    return imported.module() + "." + imported.name();
                }
            }
        }
        return "func[" + functionIndex + "]";
    }

    /** {@code add(i32, i32) -> i32}: how messages show a function's type. */
    static String signature(String name, FunctionType type) {
        String results = switch (type.returns().size()) {
            case 0 -> "()";
            case 1 -> typeName(type.returns().getFirst());
            default -> type.returns().stream().map(WasmAnatomy::typeName).collect(Collectors.joining(", ", "(", ")"));
        };
        return name + type.params().stream().map(WasmAnatomy::typeName).collect(Collectors.joining(", ", "(", ")"))
            + " -> " + results;
    }

    static String typeName(ValType type) {
        return type.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Fails when the module cannot link here: WASI imports with WASI off, or imports of anything else.
     *
     * @throws ForeignException {@code UnlinkableModule}, naming the imports and what to do
     */
    void checkLinkable(boolean wasi, String describe) {
        List<String> foreign = new ArrayList<>(foreignImports());
        if (!foreign.isEmpty()) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "UnlinkableModule", describe + " imports "
                + String.join(", ", foreign) + ": the bridge provides only WASI preview 1 functions ("
                + WASI_MODULE + "); build the module without these imports");
        }
        if (!wasi && importsWasi()) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "UnlinkableModule", describe + " imports WASI ("
                + WASI_MODULE + "), which is off: turn it on with the module option " + WasmSettings.WASI
                + "=true or wasi.enabled in the configuration " + ChicoryWasmBridge.PID);
        }
    }
}
