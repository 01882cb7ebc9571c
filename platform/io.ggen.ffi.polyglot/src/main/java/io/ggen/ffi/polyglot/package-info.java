/**
 * Support for bridges built on GraalVM Polyglot (GraalJS, GraalPy...): the language-neutral parts
 * every such bridge needs, so a bridge bundle keeps only what is specific to its language.
 *
 * <ul>
 * <li>{@link io.ggen.ffi.polyglot.GuestLanguage}: the names a bridge uses in messages.</li>
 * <li>{@link io.ggen.ffi.polyglot.ContextPool} of {@link io.ggen.ffi.polyglot.PooledContext}s: a module's
 *     single-threaded contexts, taken and given back with two compare-and-sets; while a call that
 *     can be cancelled holds one, the pool stops it on cancellation or timeout
 *     ({@code Context.interrupt}, then {@code close(true)} past a grace).</li>
 * <li>{@link io.ggen.ffi.polyglot.PooledFunction}: the call path of a bound function (guard, context,
 *     lookup, conversion, execution, error mapping) with hooks for what a language does differently;
 *     {@link io.ggen.ffi.polyglot.BoundFunctions}: a module's functions by name;
 *     {@link io.ggen.ffi.polyglot.OpenModules}: a bridge's open modules and its stop;
 *     {@link io.ggen.ffi.polyglot.PolyglotSettings}: the checks of the pool, limit and grace settings.</li>
 * <li>{@link io.ggen.ffi.polyglot.PolyglotErrors}: {@code PolyglotException} to the platform's
 *     {@code ForeignException}s with the guest frames; a {@link io.ggen.ffi.polyglot.GuestErrorReader}
 *     reads the language's error type and message.</li>
 * <li>{@link io.ggen.ffi.polyglot.PolyglotValues}: primitives both ways (integers beyond 64 bits as
 *     {@code BigInteger}s).</li>
 * <li>{@link io.ggen.ffi.polyglot.ChromeInspector}: GraalVM's Chrome inspector for a module that asks
 *     for it (module options {@code inspect=PORT}, {@code inspect.suspend=true}) or whose bridge's
 *     configuration asks for it ({@code inspect.port}), on an {@link io.ggen.ffi.polyglot.InspectedEngine}
 *     of its own; the engines of a JVM share a port, each under its own path.</li>
 * <li>{@link io.ggen.ffi.polyglot.PolyglotEngines}: engines and contexts made with the polyglot class
 *     loader as the thread's context class loader, so Truffle finds its languages and resources
 *     inside OSGi and keeps no bridge class loader.</li>
 * </ul>
 *
 * <p>The polyglot API itself ({@code org.graalvm.polyglot}) is on the launcher class path and exported
 * by the system bundle; this bundle imports it.
 */
@Export
@Version("2.1.0")
package io.ggen.ffi.polyglot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
