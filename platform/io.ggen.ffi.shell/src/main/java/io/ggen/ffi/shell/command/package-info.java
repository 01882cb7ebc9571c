/**
 * What a bundle needs to add a command to {@code ggen}: register a
 * {@link io.ggen.ffi.shell.command.GgenCommand} service, and the shell offers its picocli command on
 * the command line ({@code ggen NAME}) and in the Gogo shell's command tree. The helpers are the
 * shell's own: {@link io.ggen.ffi.shell.command.ExitCodes} (one exit code per kind of failure, and
 * errors reported as {@code ggen} reports them), {@link io.ggen.ffi.shell.command.BridgeWait} (wait
 * for the bridges of a command-line run to start), {@link io.ggen.ffi.shell.command.TextTable}
 * (aligned columns), {@link io.ggen.ffi.shell.command.BundleStates} and
 * {@link io.ggen.ffi.shell.command.PositiveDurationConverter} (the options' durations).
 */
@Export
@Version("1.1.0")
package io.ggen.ffi.shell.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
