package io.ggen.ffi.launcher;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ggen isolate-host --bundle LOCATION...}: an isolate, started by the platform to run one
 * module apart from its JVM (the RPC bundle's isolator). It boots boot/1-core and the bundles
 * named, then hands over to the RPC bundle's {@code ggen.cli=isolate-host} service, which speaks
 * protocol 1 with the platform.
 *
 * <p>The protocol's frames must be the only bytes on the platform's end of stdout, whatever the
 * module's native code prints: so the real stdout is set aside first (dup), descriptor 1 is
 * pointed at stderr (dup2), and the service writes frames to the set-aside descriptor.
 */
final class IsolateHostRun {

    static final String COMMAND = "isolate-host";

    private IsolateHostRun() {
    }

    static int run(GgenHome home, String[] args) throws LauncherException {
        List<String> bundles = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--bundle") && i + 1 < args.length) {
                bundles.add(args[++i]);
            } else {
                throw new LauncherException(2, "ggen isolate-host: unexpected argument '" + args[i] + "'. The platform"
                    + " starts isolates itself for modules loaded with isolation=process; this is not a command for people");
            }
        }
        String frames = setAsideStdout();
        return CliRun.run(home, COMMAND, bundles, new String[] {COMMAND, "--protocol-out", frames});
    }

    /** Duplicates descriptor 1, points it at stderr, and returns a path that opens the duplicate. */
    private static String setAsideStdout() throws LauncherException {
        System.out.flush();
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle dup = linker.downcallHandle(linker.defaultLookup().find("dup").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle dup2 = linker.downcallHandle(linker.defaultLookup().find("dup2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int saved = (int) dup.invokeExact(1);
            if (saved < 0 || (int) dup2.invokeExact(2, 1) < 0) {
                throw new LauncherException(1, "ggen isolate-host: cannot set stdout aside (dup failed)");
            }
            return "/proc/self/fd/" + saved;
        } catch (LauncherException e) {
            throw e;
        } catch (Throwable e) {
            throw new LauncherException(1, "ggen isolate-host: cannot set stdout aside: " + e, e);
        }
    }
}
