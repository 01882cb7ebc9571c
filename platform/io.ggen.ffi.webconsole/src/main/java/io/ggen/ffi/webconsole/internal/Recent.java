package io.ggen.ffi.webconsole.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last outcomes of POSTs (calls made from the form, notices of actions), by a random id: a POST
 * stores its outcome here and redirects to {@code ?call=<id>} or {@code ?notice=<id>}, so that the
 * page that shows it is a GET the console wraps in its template (it passes POSTs to the plugin bare),
 * and reloading it does not do the action again.
 *
 * @param <T> what is kept
 */
final class Recent<T> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, T> entries; // guarded by this

    Recent(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps an entry; returns its id (URL-safe). */
    String put(T entry) {
        String id = randomId(12);
        synchronized (this) {
            entries.put(id, entry);
        }
        return id;
    }

    synchronized Optional<T> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** {@code bytes} random bytes, URL-safe Base64. */
    static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
