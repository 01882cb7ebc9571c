package io.ggen.ffi.launcher;

import java.util.Arrays;

/**
 * The entry point of bin/ggen. {@code ggen start ...} runs the container ({@link StartCommand}); anything
 * else is a command-line run ({@link CliRun}) handled by the command-line service of the shell bundle, but
 * for the hidden {@code isolate-host}, which the platform starts to run an isolated module ({@link IsolateHostRun}).
 * A command for a running container goes to {@link ControlClient} instead, which bin/ggen starts in a smaller JVM;
 * here {@code --standalone}, which made bin/ggen choose this way, is dropped.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            GgenHome home = GgenHome.locate();
            home.applySystemProperties();
            args = Arrays.stream(args).filter(arg -> !arg.equals(ControlEndpoint.STANDALONE)).toArray(String[]::new);
            if (args.length > 0 && args[0].equals("start")) {
                code = StartCommand.run(home, Arrays.copyOfRange(args, 1, args.length));
            } else if (args.length > 0 && args[0].equals(IsolateHostRun.COMMAND)) {
                code = IsolateHostRun.run(home, args);
            } else {
                code = CliRun.run(home, args);
            }
        } catch (LauncherException e) {
            System.err.println(e.getMessage());
            code = e.exitCode();
        }
        System.out.flush();
        System.exit(code);
    }
}
