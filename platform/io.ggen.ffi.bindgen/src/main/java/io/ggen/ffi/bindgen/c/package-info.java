/**
 * Java bindings of C headers, read by clang: {@link io.ggen.ffi.bindgen.c.CBindings#generate} writes
 * one interface per header for the C bridges' typed bindings, and
 * {@link io.ggen.ffi.bindgen.c.CHeader#signature} gives one function's C signature as the C bridges
 * take it (for {@code ggen test-ffi c --header}).
 *
 * <p>Clang's JSON AST is read as a stream, one top-level declaration at a time, and only what the
 * header declares itself is kept. Its {@code #define}s come from {@code clang -E -dD} and are
 * evaluated by clang too. What the C bridges cannot call (structs and unions by value, variadic
 * functions, {@code long double}, {@code va_list}, global variables, static inline functions) is
 * written as a {@code // skipped: NAME — why} line.
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.bindgen.c;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
