package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import java.util.List;
import java.util.Locale;

/**
 * The runtime's default isolation: the languages, aliases and bridge names whose modules run in an
 * isolate unless a module says otherwise (property {@code isolated} of the runtime's configuration).
 *
 * @param pid the runtime's configuration PID, or why it has none
 * @param entries the entries configured now
 * @param problem why the entries could not be read (no ConfigurationAdmin, say), or {@code null}
 */
record DefaultIsolation(ComponentPid pid, List<String> entries, String problem) {

    /** The runtime configuration's property. */
    static final String ISOLATED = "isolated";

    DefaultIsolation {
        entries = List.copyOf(entries);
    }

    /** Whether it can be changed from the page. */
    boolean changeable() {
        return pid.configurable() && problem == null;
    }

    /** The entries that cover the bridge: its name, its language or one of its aliases, in any case. */
    List<String> covering(BridgeInfo bridge) {
        return entries.stream().filter(entry -> covers(entry, bridge)).toList();
    }

    static boolean covers(String entry, BridgeInfo bridge) {
        return bridge.name().toLowerCase(Locale.ROOT).equals(entry.toLowerCase(Locale.ROOT)) || bridge.serves(entry);
    }
}
