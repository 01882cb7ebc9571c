package io.ggen.ffi.shell.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@code ggen} command that another bundle contributes, whiteboard style: the shell adds every
 * service of this type to the command line it builds for each run, after its own commands, so the
 * command is run, listed by {@code ggen --help} and reached from Gogo like the shell's own.
 *
 * <p>The launcher's one-shot run ({@code bin/ggen NAME ...}) calls the command line as soon as it is
 * registered: the shell registers it only once the contributed commands are there (see the shell's
 * README, {@code commands.cardinality.minimum}).
 */
@ConsumerType
public interface GgenCommand {

    /**
     * A fresh picocli command for one run (picocli commands keep their parsed options): an object
     * annotated with {@code @picocli.CommandLine.Command}, whose name is what follows {@code ggen}, or
     * a {@code picocli.CommandLine}. It returns its exit code ({@link ExitCodes}) from {@code call()},
     * and prints to the command line's {@code getOut()} and {@code getErr()}.
     */
    Object newCommand();
}
