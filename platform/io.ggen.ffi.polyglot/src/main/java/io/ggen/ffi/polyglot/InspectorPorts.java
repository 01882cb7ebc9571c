package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The ports the inspected engines of this JVM listen on. GraalVM's inspector serves every engine of a JVM
 * that asks for one port from one server, each under its own path; but it does not fail on a port that
 * another program holds: building the engine then waits forever for a server that never started. So the
 * first engine on a port tries the port first (a race with another program remains), and the engines
 * after it, while one listens, share it.
 */
final class InspectorPorts {

    /** How long a port may stay bound after its last engine closed (GraalVM stops its server then). */
    private static final long RELEASE_GRACE_MS = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Map<Integer, Integer> ENGINES = new HashMap<>();   // guarded by itself
    private static final Map<Integer, Long> RELEASED = new HashMap<>();     // guarded by ENGINES

    private InspectorPorts() {
    }

    /**
     * Counts one more engine on the inspector's port; the first tries the port.
     *
     * @throws ForeignArgumentException another program holds the port
     */
    static void reserve(ChromeInspector inspector, GuestLanguage language) {
        int port = inspector.port();
        synchronized (ENGINES) {
            if (ENGINES.getOrDefault(port, 0) == 0) {
                long releasedAt = RELEASED.getOrDefault(port, 0L);
                checkFree(port, language, releasedAt == 0 ? 0 : releasedAt + RELEASE_GRACE_MS - System.currentTimeMillis());
            }
            ENGINES.merge(port, 1, Integer::sum);
        }
    }

    /** Counts one engine less on the port. */
    static void release(int port) {
        synchronized (ENGINES) {
            if (ENGINES.merge(port, -1, Integer::sum) <= 0) {
                ENGINES.remove(port);
                RELEASED.put(port, System.currentTimeMillis());
            }
        }
    }

    /**
     * The engine's path: the language, the module's name and a random part, e.g.
     * {@code javascript-lib.js-Xk2p9QaZ1mLw}; letters, digits, dots, dashes and underscores only.
     */
    static String path(GuestLanguage language, ModuleSpec spec) {
        String name = switch (spec.kind()) {
            case FILE -> String.valueOf(Path.of(spec.source()).getFileName());
            case NAME -> spec.source().strip();
            case CODE, BYTES -> "inline";
        };
        String readable = name.replaceAll("[^A-Za-z0-9._-]", "_");
        byte[] random = new byte[9];
        RANDOM.nextBytes(random);
        return language.language() + "-" + readable.substring(0, Math.min(readable.length(), 40)) + "-"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * @param graceMs how long the port may still be bound by the server of engines that just closed
     */
    private static void checkFree(int port, GuestLanguage language, long graceMs) {
        long deadline = System.currentTimeMillis() + Math.max(0, graceMs);
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() >= deadline) {
                    throw new ForeignArgumentException(language.language(), "the " + language.displayName()
                        + " inspector cannot listen on 127.0.0.1:" + port + ": the port is in use (another debugger"
                        + " or program); give a free one, e.g. --inspect=" + (port == 65535 ? 9230 : port + 1), e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ForeignArgumentException(language.language(), "interrupted while the " + language.displayName()
                    + " inspector waited for 127.0.0.1:" + port + " to be free", e);
            }
        }
    }
}
