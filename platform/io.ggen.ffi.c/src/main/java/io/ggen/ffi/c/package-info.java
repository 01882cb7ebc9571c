/**
 * What the C bridges share, and what callers of C use directly.
 *
 * <ul>
 * <li>{@link io.ggen.ffi.c.CSignature#parse}: C declarations such as {@code size_t strlen(const char*)}
 *     read into {@link io.ggen.ffi.c.CType}s, with errors that say what was expected where.</li>
 * <li>{@link io.ggen.ffi.c.CLibrary#locate}: a library by path, file name, loader name or short name.</li>
 * <li>{@link io.ggen.ffi.c.CStrings}: UTF-8 C strings, refusing embedded NULs, replacing or reporting
 *     invalid UTF-8.</li>
 * <li>{@link io.ggen.ffi.c.CCallback}: a Java function C can call (an upcall), for dynamic calls.</li>
 * <li>For the bridges: {@link io.ggen.ffi.c.CModuleOptions} (a library module's options and the
 *     declared functions' signatures in neutral type names),
 *     {@link io.ggen.ffi.c.CValues} (scalars to and from their Java carriers),
 *     {@link io.ggen.ffi.c.CResults} (a call's result with its out-parameters),
 *     {@link io.ggen.ffi.c.CCallbackAdapter} (a callback as C calls it) and
 *     {@link io.ggen.ffi.c.CPointer} (a returned pointer the caller does not own).</li>
 * <li>{@link io.ggen.ffi.c.CBinder} and {@link io.ggen.ffi.c.CFunction}: typed bindings, a Java
 *     interface bound to a library.</li>
 * </ul>
 */
@Export
@Version("1.1.0")
package io.ggen.ffi.c;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
