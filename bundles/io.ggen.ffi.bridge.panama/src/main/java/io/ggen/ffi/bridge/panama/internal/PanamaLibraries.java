package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.c.CLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The libraries the bridge has opened, shared by its modules and bindings. Each is opened in an
 * automatic arena: the dynamic loader closes it only once nothing refers to it any more — no module,
 * no binding, no downcall handle — so a call in flight never runs into an unloaded library. When the
 * bridge stops, it forgets them all.
 */
final class PanamaLibraries {

    private final Map<String, SymbolLookup> open = new ConcurrentHashMap<>();

    SymbolLookup open(CLibrary library) {
        return open.computeIfAbsent(library.loaderName(), name -> {
            try {
                return library.file().isPresent()
                    ? SymbolLookup.libraryLookup(library.file().get(), Arena.ofAuto())
                    : SymbolLookup.libraryLookup(name, Arena.ofAuto());
            } catch (IllegalArgumentException e) {
                throw new ForeignException("c", "LibraryLoadError", "cannot load the library '" + library.name()
                    + "' (" + name + "): " + e.getMessage()
                    + (library.file().isEmpty() ? "; it is neither in the working directory, nor in lib/native, nor in the"
                        + " dynamic loader's search path (ldconfig -p lists it; LD_LIBRARY_PATH adds folders)" : ""), List.of(), e);
            }
        });
    }

    int size() {
        return open.size();
    }

    void forgetAll() {
        open.clear();
    }
}
