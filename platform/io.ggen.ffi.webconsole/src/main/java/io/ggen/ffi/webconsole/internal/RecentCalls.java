package io.ggen.ffi.webconsole.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last calls made from the form, by a random id: a POST stores its form and outcome here and
 * redirects to {@code ?call=<id>}, so that the page that shows them is a GET the console wraps in its
 * template (it passes POSTs to the plugin bare), and reloading it does not call again.
 */
final class RecentCalls {

    /** A form as posted and how its call ended. */
    record Kept(CallForm form, CallOutcome outcome) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Kept> entries; // guarded by this

    RecentCalls(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps an entry; returns its id (URL-safe). */
    String put(Kept entry) {
        String id = randomId(12);
        synchronized (this) {
            entries.put(id, entry);
        }
        return id;
    }

    synchronized Optional<Kept> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** {@code bytes} random bytes, URL-safe Base64. */
    static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
