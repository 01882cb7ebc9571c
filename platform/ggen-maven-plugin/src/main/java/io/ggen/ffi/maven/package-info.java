/**
 * The Maven plugin {@code io.ggen.ffi:ggen-maven-plugin}: the goal {@code ggen:bindgen} ({@link
 * io.ggen.ffi.maven.BindgenMojo}) runs {@code bin/ggen bindgen} of a GGen FFI distribution and adds the Java
 * interfaces it writes to the project's compile source roots. The other types of this package are its parts:
 * the command line of one execution, the distribution unpacked from the repository, the child process and the
 * stamp that makes the goal incremental.
 */
package io.ggen.ffi.maven;
