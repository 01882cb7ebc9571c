/**
 * The platform's JSON form of neutral values: {@link io.ggen.ffi.convert.json.ForeignJson} writes
 * and reads {@link io.ggen.ffi.api.ForeignValue}s as JSON text, or streams them within a larger
 * document through Gson's {@code JsonWriter} and {@code JsonReader}. The CLI prints results and
 * reads {@code --input-json} with it; the RPC protocol carries values in it.
 */
@Export
@Version("1.1.0")
package io.ggen.ffi.convert.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
