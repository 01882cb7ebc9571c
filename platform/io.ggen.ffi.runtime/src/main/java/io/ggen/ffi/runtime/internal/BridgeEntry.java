package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.List;

/** A registered bridge and its service properties. Marked removed when its service goes away. */
final class BridgeEntry {

    private final ForeignBridge bridge;
    private final BridgeInfo info;
    private final long serviceId;
    private final String location;
    private volatile boolean removed;

    /** @param location the location of the bridge's bundle (an isolate installs it from there) */
    BridgeEntry(ForeignBridge bridge, BridgeInfo info, long serviceId, String location) {
        this.bridge = bridge;
        this.info = info;
        this.serviceId = serviceId;
        this.location = location;
    }

    String location() {
        return location;
    }

    ForeignBridge bridge() {
        return bridge;
    }

    BridgeInfo info() {
        return info;
    }

    String name() {
        return info.name();
    }

    String language() {
        return info.language();
    }

    long serviceId() {
        return serviceId;
    }

    boolean serves(String language) {
        return info.serves(language);
    }

    boolean isRemoved() {
        return removed;
    }

    void markRemoved() {
        removed = true;
    }

    static List<String> aliases(Object property) {
        if (property instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
        }
        if (property instanceof String[] array) {
            return List.of(array);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
