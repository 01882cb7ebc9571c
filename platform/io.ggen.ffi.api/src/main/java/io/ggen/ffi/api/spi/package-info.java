/**
 * The GGen FFI SPI: what a language bridge implements. Register a {@link
 * io.ggen.ffi.api.spi.ForeignBridge} service with a {@code bridge.language} and a {@code
 * bridge.name}; the runtime does the rest (lookup, async, timeouts, interceptors).
 * See {@code docs/writing-a-bridge.md}.
 */
@Export
@Version("1.1.0")
package io.ggen.ffi.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
