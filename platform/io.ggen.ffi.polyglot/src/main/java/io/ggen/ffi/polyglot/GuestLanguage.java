package io.ggen.ffi.polyglot;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The names of a guest language, for the polyglot API and for messages.
 *
 * @param language the platform's language id ({@code bridge.language}), e.g. {@code python}
 * @param polyglotId GraalVM's language id, e.g. {@code python}, {@code js}
 * @param displayName how messages name it, e.g. {@code Python}
 * @param bridgeName the bridge's name ({@code bridge.name}), e.g. {@code graalpy}
 */
@ProviderType
public record GuestLanguage(String language, String polyglotId, String displayName, String bridgeName) {
}
