package io.ggen.ffi.polyglot;

import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An engine of one module with GraalVM's Chrome inspector on, under a path of its own on the
 * inspector's port ({@link ChromeInspector#open}); closing it closes the engine (cancelling what runs)
 * and lets go of the port.
 */
@ProviderType
public final class InspectedEngine implements AutoCloseable {

    private final Engine engine;
    private final ChromeInspector inspector;
    private final String path;
    private final AtomicBoolean closed = new AtomicBoolean();

    InspectedEngine(Engine engine, ChromeInspector inspector, String path) {
        this.engine = engine;
        this.inspector = inspector;
        this.path = path;
    }

    public Engine engine() {
        return engine;
    }

    public ChromeInspector inspector() {
        return inspector;
    }

    /** The path of this engine on the inspector's port, e.g. {@code javascript-lib.js-Xk2p9QaZ1mLw}. */
    public String path() {
        return path;
    }

    /** {@code ws://127.0.0.1:PORT/PATH}: where a DevTools Protocol client connects. */
    public String webSocketAddress() {
        return "ws://127.0.0.1:" + inspector.port() + "/" + path;
    }

    /** {@code devtools://devtools/bundled/js_app.html?ws=127.0.0.1:PORT/PATH}: what to open in Chrome. */
    public String devToolsAddress() {
        return "devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + inspector.port() + "/" + path;
    }

    /** Closes the engine, cancelling what runs in it, and lets go of the port; once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                engine.close(true);
            } finally {
                InspectorPorts.release(inspector.port());
            }
        }
    }
}
