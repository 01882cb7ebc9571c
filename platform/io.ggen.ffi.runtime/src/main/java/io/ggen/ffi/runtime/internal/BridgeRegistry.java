package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The bridges present now. Copy-on-write: lookups read one volatile list, changes replace it.
 * Within a language the highest {@code service.ranking} comes first, then the oldest service.
 */
final class BridgeRegistry {

    private static final Comparator<BridgeEntry> ORDER = Comparator
        .comparing((BridgeEntry e) -> e.language())
        .thenComparing(e -> -e.info().ranking())
        .thenComparingLong(BridgeEntry::serviceId);

    private volatile List<BridgeEntry> entries = List.of();

    synchronized void add(BridgeEntry entry) {
        List<BridgeEntry> copy = new ArrayList<>(entries);
        copy.add(entry);
        copy.sort(ORDER);
        entries = List.copyOf(copy);
    }

    /** Removes the entry of this bridge service and marks it removed; null when unknown. */
    synchronized BridgeEntry remove(ForeignBridge bridge) {
        List<BridgeEntry> copy = new ArrayList<>(entries);
        for (BridgeEntry entry : copy) {
            if (entry.bridge() == bridge) {
                copy.remove(entry);
                entries = List.copyOf(copy);
                entry.markRemoved();
                return entry;
            }
        }
        return null;
    }

    List<BridgeInfo> list() {
        return entries.stream().map(BridgeEntry::info).toList();
    }

    /**
     * The bridge for a language (or alias), the highest ranked or the one named.
     *
     * @throws BridgeUnavailableException none is present; the message says what is
     */
    BridgeEntry find(String language, Optional<String> name) {
        String wanted = language.toLowerCase(Locale.ROOT);
        List<BridgeEntry> current = entries;
        for (BridgeEntry entry : current) {
            if (entry.serves(wanted) && name.map(entry.name()::equals).orElse(true)) {
                return entry;
            }
        }
        TreeSet<String> languages = new TreeSet<>();
        TreeSet<String> namesForLanguage = new TreeSet<>();
        for (BridgeEntry entry : current) {
            languages.add(entry.language());
            if (entry.serves(wanted)) {
                namesForLanguage.add(entry.name());
            }
        }
        if (name.isPresent() && !namesForLanguage.isEmpty()) {
            throw new BridgeUnavailableException(wanted, "no bridge named '" + name.get() + "' for " + wanted
                + "; present: " + String.join(", ", namesForLanguage));
        }
        throw new BridgeUnavailableException(wanted, "no bridge for " + wanted
            + (languages.isEmpty() ? "; no bridge is installed (put bridge bundles in deploy/)"
                                   : "; bridges present for: " + String.join(", ", languages)));
    }

    static BridgeInfo info(ForeignBridge bridge, Object language, Object name, Object aliases, Object ranking,
                           String bundle, String version) {
        if (!(language instanceof String lang) || lang.isBlank()) {
            throw new IllegalArgumentException(bridge.getClass().getName() + " has no " + ForeignBridge.LANGUAGE
                + " service property");
        }
        String bridgeName = name instanceof String n && !n.isBlank() ? n : bridge.getClass().getSimpleName();
        int rank = ranking instanceof Integer r ? r : 0;
        return new BridgeInfo(lang.toLowerCase(Locale.ROOT), BridgeEntry.aliases(aliases), bridgeName, rank, bundle,
            version, bridge.capabilities(), bridge.description());
    }
}
