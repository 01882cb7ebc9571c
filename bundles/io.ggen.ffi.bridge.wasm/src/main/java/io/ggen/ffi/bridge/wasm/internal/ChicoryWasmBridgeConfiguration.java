package io.ggen.ffi.bridge.wasm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the WebAssembly bridge, PID {@value ChicoryWasmBridge#PID}. The defaults are the
 * safe ones: 16 MiB of memory per instance, WASI without files or environment. Each value is the
 * default of modules that do not set the module option of the same name.
 */
@ObjectClassDefinition(id = ChicoryWasmBridge.PID, name = "GGen FFI WebAssembly bridge (Chicory)",
    description = "How the Chicory bridge runs WebAssembly modules: memory limit, interpreter or compiler, WASI, instance pool.")
@interface ChicoryWasmBridgeConfiguration {

    @AttributeDefinition(name = "Memory limit (pages)",
        description = "The most linear memory one instance of a module may have, in 64 KiB pages (256 = 16 MiB, at"
            + " most 32767). A module that asks for more at start does not load; memory.grow past it traps with"
            + " MemoryLimit. Module option: memory.max-pages.")
    int memory_max$_$pages() default WasmSettings.DEFAULT_MAX_PAGES;

    @AttributeDefinition(name = "Execution",
        description = "interpreter: Chicory's interpreter, loads at once; compiler: each module compiled to JVM"
            + " bytecode when it loads (slower to load, faster to run). Module option: execution.")
    String execution() default WasmSettings.DEFAULT_EXECUTION;

    @AttributeDefinition(name = "WASI",
        description = "Whether modules may import WASI preview 1 (wasi_snapshot_preview1: what clang --target=wasm32-wasi"
            + " programs need). Their stdout and stderr go to the log; they see no files and no environment unless"
            + " given below. Off: such modules do not load. Module option: wasi.")
    boolean wasi_enabled() default true;

    @AttributeDefinition(name = "WASI folders",
        description = "Host folders WASI modules may open, each HOST or HOST::GUEST (the path the module sees; HOST"
            + " by default). None by default. Module option: wasi.dirs (comma-separated).")
    String[] wasi_dirs() default {};

    @AttributeDefinition(name = "WASI environment",
        description = "Environment variables WASI modules see, each NAME=VALUE. None by default. Module options:"
            + " wasi.env.NAME=VALUE.")
    String[] wasi_env() default {};

    @AttributeDefinition(name = "Instances per module",
        description = "How many instances of a module may run calls at once (an instance runs one call at a time;"
            + " further callers wait). 0 means one per processor core. Module option: pool.size.")
    int pool_size() default 0;
}
