package io.ggen.ffi.api;

import io.ggen.ffi.api.spi.BridgeCapabilities;
import java.util.List;

/**
 * A bridge as the registry sees it.
 *
 * @param language the language id, e.g. {@code javascript}
 * @param aliases other ids it answers to, e.g. {@code js}
 * @param name the bridge's name, unique per language, e.g. {@code graaljs}
 * @param ranking its {@code service.ranking}; the highest serves a language by default
 * @param bundle the symbolic name of the bundle that provides it
 * @param version that bundle's version
 * @param capabilities what it can do
 * @param description one line about the runtime it uses, e.g. its version and compiler mode
 */
public record BridgeInfo(String language, List<String> aliases, String name, int ranking, String bundle,
                         String version, BridgeCapabilities capabilities, String description) {

    public BridgeInfo {
        aliases = List.copyOf(aliases);
    }

    /**
     * Whether it serves the language id, in any case: its language or one of its aliases.
     *
     * @since 1.1
     */
    public boolean serves(String language) {
        return this.language.equalsIgnoreCase(language) || aliases.stream().anyMatch(language::equalsIgnoreCase);
    }
}
