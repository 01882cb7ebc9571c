package io.ggen.ffi.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ggen COMMAND ...} run in the home's running container ({@link ControlServer}) instead of a
 * throw-away framework: sends the token, the working folder and the arguments, prints what the command
 * prints and exits with its code. Ctrl-C cancels the command in the container.
 *
 * <p>Started by bin/ggen in a small JVM (only this jar, no Graal compiler) when {@code run/ggen.sock}
 * exists; it exits with {@link #NO_CONTAINER} without a word when nothing answers there (the socket of a
 * container that was killed, which it removes), and bin/ggen then runs the command as usual.
 */
public final class ControlClient {

    /** Exit code telling bin/ggen that no container answered: run the command without one. */
    public static final int NO_CONTAINER = 254;
    /** Exit code of a command that needs a container when none runs. */
    static final int NOT_RUNNING = 3;
    /** How long {@code ggen stop} waits for the container to exit. */
    private static final long STOP_WAIT_SECONDS = 60;

    private ControlClient() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(ControlEndpoint.of(GgenHome.locate()), args);
        } catch (LauncherException e) {
            System.err.println(e.getMessage());
            code = e.exitCode();
        }
        System.out.flush();
        System.exit(code);
    }

    /** Whether a container answers on the endpoint's socket (for {@code ggen start}, which must not start a second). */
    static boolean answers(ControlEndpoint endpoint) {
        try (SocketChannel channel = SocketChannel.open(endpoint.address())) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    static int run(ControlEndpoint endpoint, String[] args) throws LauncherException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(endpoint.address());
        } catch (AccessDeniedException e) {
            throw otherUser(endpoint);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Permission denied")) {
                throw otherUser(endpoint);
            }
            removeStale(endpoint);
            return NO_CONTAINER;
        }
        try (channel) {
            return talk(endpoint, channel, args);
        } catch (IOException e) {
            throw new LauncherException(1, "ggen: the connection to the container broke: " + e.getMessage()
                + " (see 'ggen status'; --standalone runs without the container)", e);
        }
    }

    private static int talk(ControlEndpoint endpoint, SocketChannel channel, String[] args) throws IOException, LauncherException {
        byte[] token;
        try {
            token = Files.readAllBytes(endpoint.token());
        } catch (AccessDeniedException e) {
            throw otherUser(endpoint);
        } catch (NoSuchFileException e) {
            throw new LauncherException(1, "ggen: the container of " + endpoint.runDir().getParent()
                + " is starting or stopping (it has no token yet): try again, or use --standalone");
        }
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
        new ControlFrame(ControlFrame.HELLO, token).writeTo(out);
        ControlFrame.run(Path.of("").toAbsolutePath().toString(), Arrays.asList(args)).writeTo(out);
        ControlFrame ready = ControlFrame.readFrom(in);
        if (ready == null || ready.kind() != ControlFrame.READY) {
            throw new LauncherException(1, "ggen: the container of " + endpoint.runDir().getParent()
                + " refused the request (its token changed: it restarted?); try again, or use --standalone");
        }
        long pid = Long.parseLong(ready.text());
        System.err.println("ggen: running in the container of " + endpoint.runDir().getParent() + " (pid " + pid
            + "); --standalone runs without it");

        CountDownLatch done = new CountDownLatch(1);
        Thread cancel = new Thread(() -> cancel(out, done), "ggen-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        int code = relay(in);
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(cancel);
        } catch (IllegalStateException e) {
            // Ctrl-C: the hook is running
        }
        if (code == 0 && args.length > 0 && args[0].equals("stop")) {
            awaitExit(pid);
        }
        return code;
    }

    /** Prints the command's output until its exit code. */
    private static int relay(DataInputStream in) throws IOException {
        while (true) {
            ControlFrame frame = ControlFrame.require(in);
            switch (frame.kind()) {
                case ControlFrame.OUT -> System.out.write(frame.payload());
                case ControlFrame.ERR -> {
                    System.out.flush();
                    System.err.write(frame.payload());
                    System.err.flush();
                }
                case ControlFrame.EXIT -> {
                    System.out.flush();
                    return Integer.parseInt(frame.text());
                }
                default -> throw new IOException("an unknown frame '" + (char) frame.kind() + "'");
            }
        }
    }

    /** On Ctrl-C: tells the container to cancel, then lets the command's last words arrive (a few seconds at most). */
    private static void cancel(DataOutputStream out, CountDownLatch done) {
        try {
            synchronized (out) {
                new ControlFrame(ControlFrame.CANCEL, new byte[0]).writeTo(out);
            }
            done.await(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // the connection is gone: the container interrupts the command itself
        }
    }

    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(container -> {
            try {
                container.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                System.out.println("stopped");
            } catch (Exception e) {
                System.err.println("ggen: the container (pid " + pid + ") still runs after " + STOP_WAIT_SECONDS + " s");
            }
        });
    }

    private static void removeStale(ControlEndpoint endpoint) {
        try {
            Files.deleteIfExists(endpoint.socket());
            Files.deleteIfExists(endpoint.token());
        } catch (IOException e) {
            // another user's folder, or gone: the launcher says what it finds
        }
    }

    private static LauncherException otherUser(ControlEndpoint endpoint) {
        return new LauncherException(2, "ggen: the container of " + endpoint.runDir().getParent() + " runs as another"
            + " user: run ggen as that user, or with --standalone");
    }
}
