/**
 * The GGen FFI API: what Java code uses to call functions written in other languages.
 *
 * <p>Get the {@link io.ggen.ffi.api.ForeignRuntime} service, {@link
 * io.ggen.ffi.api.ForeignRuntime#load load} a {@link io.ggen.ffi.api.ModuleSpec module}, then call
 * its {@link io.ggen.ffi.api.ForeignFunction functions}. Values cross as {@link
 * io.ggen.ffi.api.ForeignValue}s; failures are {@link io.ggen.ffi.api.ForeignException}s.
 */
@Export
@Version("1.1.0")
package io.ggen.ffi.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
