package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.CallCache;
import java.util.ArrayList;
import java.util.List;

/** A cache holding results of {@code add} (3) and {@code greet} (1) that forgets them as asked. */
class FakeCache implements CallCache {

    static final String MODULE = "<code: function add(a, b) { return a + b; }>";

    private final List<FunctionEntries> entries = new ArrayList<>(List.of(
        new FunctionEntries("graaljs", MODULE, "add", 3), new FunctionEntries("graaljs", "<code: greet & more>", "greet", 1)));

    @Override
    public synchronized Stats stats() {
        return new Stats(entries.stream().mapToLong(FunctionEntries::entries).sum(), 10_000, 30, 10, 2, 0, 5, 25_000);
    }

    @Override
    public synchronized void invalidateAll() {
        entries.clear();
    }

    @Override
    public synchronized List<FunctionEntries> functions() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized long invalidate(String bridge, String module, String function) {
        long dropped = entries.stream().filter(e -> e.bridge().equals(bridge) && e.module().equals(module)
            && e.function().equals(function)).mapToLong(FunctionEntries::entries).sum();
        entries.removeIf(e -> e.bridge().equals(bridge) && e.module().equals(module) && e.function().equals(function));
        return dropped;
    }
}
