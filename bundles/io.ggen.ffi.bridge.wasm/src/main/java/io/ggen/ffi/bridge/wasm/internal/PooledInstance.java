package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.List;

/**
 * One Chicory instance of a module with what belongs to it: its WASI state and output streams, and
 * the {@link Runner} that stops its calls. Used by one call at a time ({@link InstancePool}).
 */
final class PooledInstance {

    private final int slot;
    private final Instance instance;
    private final WasiPreview1 wasi;
    private final List<GuestOutput> outputs;
    private final Runner runner;
    private final WasmAnatomy anatomy;
    private final int limitPages;
    private final ExportFunction[] exports;

    /**
     * @param wasi its WASI state, or null when the module imports no WASI
     * @param outputs its stdout and stderr, flushed when it closes
     * @param runner the runner its making ran under; its calls run under it too
     */
    PooledInstance(int slot, Instance instance, WasiPreview1 wasi, List<GuestOutput> outputs, Runner runner,
                   WasmAnatomy anatomy, int limitPages) {
        this.slot = slot;
        this.instance = instance;
        this.wasi = wasi;
        this.outputs = outputs;
        this.runner = runner;
        this.anatomy = anatomy;
        this.limitPages = limitPages;
        this.exports = new ExportFunction[anatomy.exportCount()];
    }

    int slot() {
        return slot;
    }

    Runner runner() {
        return runner;
    }

    Instance instance() {
        return instance;
    }

    Memory memory() {
        return instance.memory();
    }

    int limitPages() {
        return limitPages;
    }

    /** Calls the exported function at this position among the exports ({@link WasmAnatomy#exportOrdinal}). */
    long[] call(int ordinal, long... args) {
        ExportFunction export = exports[ordinal];
        if (export == null) {
            export = instance.export(anatomy.functionAt(ordinal));
            exports[ordinal] = export;
        }
        return export.apply(args);
    }

    /** Calls an exported function by name. */
    long[] call(String name, long... args) {
        return call(anatomy.exportOrdinal(name), args);
    }

    /** Releases its WASI state (files it opened) and logs what its output streams hold. */
    void close() {
        outputs.forEach(GuestOutput::flush);
        if (wasi != null) {
            wasi.close();
        }
    }
}
