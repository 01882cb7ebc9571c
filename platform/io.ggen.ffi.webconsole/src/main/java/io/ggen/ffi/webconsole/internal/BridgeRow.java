package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import java.util.List;

/**
 * One row of the Bridges table: a bridge and its bundle, or a bridge bundle that serves none now.
 *
 * @param bridge the bridge, or {@code null} when its bundle serves none now (stopped, say)
 * @param bundleId the bundle's id, what the bundle actions name
 * @param bundle its symbolic name
 * @param version its version
 * @param state its state: ACTIVE, RESOLVED...
 * @param pid where the bridge's ranking is configured, or why it cannot be; {@code null} without a bridge
 * @param isolatedBy the entries of the runtime's default isolation that cover the bridge (its name,
 *     language or an alias); empty when its modules run in process by default
 */
record BridgeRow(BridgeInfo bridge, long bundleId, String bundle, String version, String state, ComponentPid pid,
                 List<String> isolatedBy) {

    BridgeRow {
        isolatedBy = List.copyOf(isolatedBy);
    }

    boolean active() {
        return "ACTIVE".equals(state);
    }
}
