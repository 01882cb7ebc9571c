package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.c.CLibrary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The libraries the bridge has open, one {@link CountedLibrary} per loader name, shared by the
 * modules that load it. A library is disposed when its last user lets go and opened afresh by the
 * next load, so a module reloaded after its file changed gets the new code.
 */
final class JnaLibraries {

    /** {@code RTLD_LAZY}, without {@code RTLD_GLOBAL}: a library's symbols stay its own (JNA's default is global). */
    private static final int RTLD_LAZY_LOCAL = 1;

    /**
     * JNA caches libraries by name and options, for everyone in the JVM: a per-instance option gives
     * the bridge its own instance (its own dlopen reference), which no other JNA user gets from the
     * cache and so no other user loses when the bridge disposes it.
     */
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final Map<String, CountedLibrary> open = new HashMap<>();

    /**
     * The library, with one more user (the caller lets go with {@link CountedLibrary#release()}).
     *
     * @throws ForeignException the dynamic loader cannot load it
     */
    synchronized CountedLibrary open(CLibrary library) {
        String name = library.loaderName();
        CountedLibrary existing = open.get(name);
        if (existing != null && existing.retain()) {
            return existing;
        }
        CountedLibrary fresh = new CountedLibrary(name, load(library), this::disposed);
        open.put(name, fresh);
        return fresh;
    }

    private static NativeLibrary load(CLibrary library) {
        Map<String, Object> options = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL,
            "ggen.instance", INSTANCES.incrementAndGet());
        try {
            return NativeLibrary.getInstance(library.loaderName(), options);
        } catch (UnsatisfiedLinkError e) {
            throw new ForeignException("c", "LibraryLoadError", "cannot load the library '" + library.name()
                + "' (" + library.loaderName() + "): " + dynamicLoaderError(e.getMessage())
                + (library.file().isEmpty() ? "; it is neither in the working directory, nor in lib/native, nor in the"
                    + " dynamic loader's search path (ldconfig -p lists it; LD_LIBRARY_PATH adds folders)" : ""), List.of(), e);
        }
    }

    /**
     * What the dynamic loader said, from JNA's message: without JNA's own first line and its search
     * of the class path (which lists every jar), each line once.
     */
    static String dynamicLoaderError(String jnaMessage) {
        List<String> lines = jnaMessage.lines().map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("Unable to load library") && !line.startsWith("Native library"))
            .distinct().toList();
        return lines.isEmpty() ? jnaMessage.lines().findFirst().orElse("") : String.join("; ", lines);
    }

    private synchronized void disposed(CountedLibrary library) {
        open.remove(library.name(), library);
    }

    /** How many libraries are open (not yet disposed). */
    synchronized int size() {
        return open.size();
    }
}
