package io.ggen.ffi.launcher;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the running container of a home listens for {@code ggen} commands: the Unix domain socket
 * {@code run/ggen.sock} and the token {@code run/token} a client must send, in a folder only the
 * container's user can enter. No TCP: only processes of this machine that can read the token get in.
 *
 * @param runDir the home's {@code run/} folder
 */
record ControlEndpoint(Path runDir) {

    /** The commands that need a running container: they manage it. */
    static final Set<String> CONTAINER_COMMANDS = Set.of("deploy", "undeploy", "status", "stop");

    /** The option that runs a command in a throw-away framework even when a container runs. */
    static final String STANDALONE = "--standalone";

    /** Owner only: read, write and enter. */
    static final String FOLDER_MODE = "rwx------";
    static final String FILE_MODE = "rw-------";

    static ControlEndpoint of(GgenHome home) {
        return new ControlEndpoint(home.dir().resolve("run"));
    }

    Path socket() {
        return runDir.resolve("ggen.sock");
    }

    Path token() {
        return runDir.resolve("token");
    }

    UnixDomainSocketAddress address() {
        return UnixDomainSocketAddress.of(socket());
    }

    /** Makes {@code run/} if needed and lets only its owner in. */
    void createRunDir() throws IOException {
        Files.createDirectories(runDir);
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString(FOLDER_MODE));
    }
}
