/**
 * Typed Java bindings written from interface definitions: one Java interface per module, with
 * Javadoc from the definitions' comments, for {@code ggen bindgen} and the Maven plugin.
 *
 * <ul>
 * <li>{@link io.ggen.ffi.bindgen.JavaNames}: Java identifiers, Javadoc and the {@code @Generated}
 *     header every generated source shares.</li>
 * <li>{@link io.ggen.ffi.bindgen.NeutralType}: the neutral type names of
 *     {@link io.ggen.ffi.api.FunctionSignature} and the Java types they bind to.</li>
 * <li>{@link io.ggen.ffi.bindgen.InterfaceWriter}: a module's signatures as one Java interface, a
 *     {@link io.ggen.ffi.bindgen.GeneratedInterface}.</li>
 * <li>{@link io.ggen.ffi.bindgen.TypeScriptDeclarations}: the functions of a TypeScript declaration
 *     file, read by TypeScript's compiler through the JavaScript bridge.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.bindgen;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
