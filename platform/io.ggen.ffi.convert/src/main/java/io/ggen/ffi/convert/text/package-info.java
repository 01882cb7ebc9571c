/**
 * Text forms people write and read: {@link io.ggen.ffi.convert.text.Durations} reads durations such
 * as {@code 500ms}, {@code 1.5s}, {@code 2m} or {@code PT2S} and prints them the same way. The CLI's
 * options, the web console's timeout field and the RPC bridge's worker options all use it.
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.convert.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
