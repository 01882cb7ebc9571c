package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One library the bridge opened with JNA, and how many users it has: each module that loaded it,
 * each call running in it, each returned block whose free function lives in it. JNA's
 * {@link NativeLibrary#dispose()} unmaps the library's code, so it is called only when the last user
 * lets go — never under a running call — and once at zero the count cannot rise again.
 */
final class CountedLibrary {

    private final String name;
    private final NativeLibrary library;
    private final Consumer<CountedLibrary> onDisposed;
    private final AtomicInteger users = new AtomicInteger(1);

    /** A library with one user: the module that opened it. */
    CountedLibrary(String name, NativeLibrary library, Consumer<CountedLibrary> onDisposed) {
        this.name = name;
        this.library = library;
        this.onDisposed = onDisposed;
    }

    String name() {
        return name;
    }

    /** Adds a user, unless the library has none left (it is being disposed). */
    boolean retain() {
        for (int n = users.get(); n > 0; n = users.get()) {
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Lets go of one use; the last one disposes the library. */
    void release() {
        int left = users.decrementAndGet();
        if (left == 0) {
            library.dispose();
            onDisposed.accept(this);
        } else if (left < 0) {
            throw new IllegalStateException(name + " released more often than retained");
        }
    }

    /**
     * A function of the library; call it only while holding a use.
     *
     * @throws UnsatisfiedLinkError the library does not export it
     */
    Function function(String symbol) {
        return library.getFunction(symbol);
    }

    int users() {
        return users.get();
    }
}
