package io.ggen.ffi.launcher;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The control endpoint of a running container ({@link ControlEndpoint}): runs the {@code ggen} commands
 * of local clients ({@link ControlClient}) in this framework, with the client's working folder, its
 * output and exit code, as a throw-away run would.
 *
 * <p>Each connection is checked twice: the peer's user (the kernel's credentials of the socket) must
 * be the container's, and its first frame must carry this start's token; otherwise it is closed
 * without a byte written. A command runs through the shell bundle's command-line service
 * ({@code ggen.cli=main}) given a session map: {@code args} ({@code String[]}), {@code out} and
 * {@code err} ({@code PrintStream}s) and {@code cwd} ({@code Path}). A {@link ControlFrame#CANCEL}
 * from the client, or the client going away, interrupts the command (it cancels its foreign call).
 */
final class ControlServer implements AutoCloseable {

    /** How long a client has to send its token and command. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final ControlEndpoint endpoint;
    private final ServerSocketChannel server;
    private final byte[] token;
    private final UserPrincipal owner;
    private final ServiceTracker<Object, Object> commandLine;
    private final Duration serviceWait;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("ggen-control-timeouts").factory());

    private ControlServer(ControlEndpoint endpoint, ServerSocketChannel server, byte[] token, UserPrincipal owner,
                          ServiceTracker<Object, Object> commandLine, Duration serviceWait) {
        this.endpoint = endpoint;
        this.server = server;
        this.token = token;
        this.owner = owner;
        this.commandLine = commandLine;
        this.serviceWait = serviceWait;
    }

    /**
     * Opens the endpoint and serves it on a daemon thread until {@link #close()}.
     *
     * @param serviceWait how long a command waits for the command-line service while the container starts
     * @throws LauncherException a container already answers on this home's socket, or the endpoint cannot be made
     */
    static ControlServer open(ControlEndpoint endpoint, BundleContext context, Duration serviceWait) throws LauncherException {
        try {
            endpoint.createRunDir();
            UserPrincipal owner = Files.getOwner(endpoint.runDir());
            if (Files.exists(endpoint.socket())) {
                if (ControlClient.answers(endpoint)) {
                    throw new LauncherException(2, "ggen: a container already runs for this home (" + endpoint.socket()
                        + " answers); stop it with 'ggen stop' first");
                }
                Files.delete(endpoint.socket());   // a container that was killed left it
            }
            byte[] token = newToken();
            Files.deleteIfExists(endpoint.token());
            Files.write(Files.createFile(endpoint.token(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(ControlEndpoint.FILE_MODE))), token,
                StandardOpenOption.WRITE);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(endpoint.address());
            Files.setPosixFilePermissions(endpoint.socket(), PosixFilePermissions.fromString(ControlEndpoint.FILE_MODE));
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(
                "(&(" + Constants.OBJECTCLASS + "=" + Function.class.getName() + ")(ggen.cli=" + CliRun.MAIN + "))"), null);
            tracker.open();
            ControlServer control = new ControlServer(endpoint, server, token, owner, tracker, serviceWait);
            Thread.ofPlatform().daemon().name("ggen-control").start(control::accept);
            return control;
        } catch (IOException e) {
            throw new LauncherException(2, "ggen: cannot open the control socket " + endpoint.socket() + ": " + e.getMessage(), e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);   // a constant
        }
    }

    private static byte[] newToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("ggen-control-client").start(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    System.err.println("ggen: warning: the control socket failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            if (!fromOwner(client)) {
                return;
            }
            var timeout = timeouts.schedule(() -> closeQuietly(client), HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            ControlFrame hello = ControlFrame.require(in);
            if (hello.kind() != ControlFrame.HELLO || !MessageDigest.isEqual(hello.payload(), token)) {
                return;   // no token, no information
            }
            ControlFrame.text(ControlFrame.READY, Long.toString(ProcessHandle.current().pid())).writeTo(out);
            ControlFrame run = ControlFrame.require(in);
            timeout.cancel(false);
            if (run.kind() != ControlFrame.RUN) {
                return;
            }
            List<String> parts = run.runParts();
            FrameWriter writer = new FrameWriter(out);
            int code = execute(Path.of(parts.getFirst()), parts.subList(1, parts.size()).toArray(String[]::new), in, writer);
            writer.finish(ControlFrame.text(ControlFrame.EXIT, Integer.toString(code)));
        } catch (IOException e) {
            // the client went away or sent garbage: nothing to answer
        }
    }

    /** Whether the peer runs as the container's user; other users are dropped (the folder's mode should stop them first). */
    private boolean fromOwner(SocketChannel client) {
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return owner.equals(peer.user());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Runs the command on this thread; a CANCEL or the client's end interrupts it while it runs. */
    @SuppressWarnings("unchecked")
    private int execute(Path workingDir, String[] args, DataInputStream in, FrameWriter writer) {
        PrintStream stdout = writer.stream(ControlFrame.OUT);
        PrintStream stderr = writer.stream(ControlFrame.ERR);
        Function<Object, Object> command;
        try {
            command = (Function<Object, Object>) commandLine.waitForService(serviceWait.toMillis());
        } catch (InterruptedException e) {
            return 130;
        }
        if (command == null) {
            stderr.println("ggen: the container has no command line: the io.ggen.ffi.shell bundle is not active"
                + " (see 'ggen status', or run with --standalone)");
            stderr.flush();
            return 1;
        }
        Interrupter interrupter = new Interrupter(Thread.currentThread());
        Thread.ofVirtual().name("ggen-control-cancel").start(() -> interrupter.awaitCancel(in));
        try {
            Object code = command.apply(Map.of("args", args, "out", stdout, "err", stderr, "cwd", workingDir));
            return code instanceof Integer exitCode ? exitCode : 0;
        } catch (RuntimeException e) {
            stderr.print("ggen: the command failed unexpectedly: ");
            e.printStackTrace(stderr);
            return 1;
        } finally {
            interrupter.done();
            stdout.flush();
            stderr.flush();
        }
    }

    /** Interrupts a command when its client cancels or goes away, as long as it runs. */
    private static final class Interrupter {
        private final Thread command;
        private boolean running = true;   // guarded by this

        Interrupter(Thread command) {
            this.command = command;
        }

        void awaitCancel(DataInputStream in) {
            try {
                ControlFrame frame = ControlFrame.readFrom(in);
                if (frame == null || frame.kind() == ControlFrame.CANCEL) {
                    interrupt();
                }
            } catch (IOException e) {
                interrupt();   // the client is gone (or the connection was closed after the command)
            }
        }

        private synchronized void interrupt() {
            if (running) {
                command.interrupt();
            }
        }

        /** The command returned: no interrupt after this one, and none left pending. */
        synchronized void done() {
            running = false;
            Thread.interrupted();
        }
    }

    /**
     * Writes frames on a thread of its own, so that a command interrupted by a cancel still gets its
     * last words out (an interrupted thread closes a channel it writes to).
     */
    private static final class FrameWriter {
        private static final ControlFrame END = new ControlFrame((byte) 0, new byte[0]);
        private final LinkedBlockingQueue<ControlFrame> queue = new LinkedBlockingQueue<>();
        private final Thread thread;

        FrameWriter(DataOutputStream out) {
            this.thread = Thread.ofVirtual().name("ggen-control-writer").start(() -> {
                try {
                    for (ControlFrame frame = queue.take(); frame != END; frame = queue.take()) {
                        frame.writeTo(out);
                    }
                } catch (IOException | InterruptedException e) {
                    queue.clear();   // the client went away: what is left has nobody to read it
                }
            });
        }

        /** A stream that sends what is written as frames of {@code kind}, on flush (println flushes). */
        PrintStream stream(byte kind) {
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    queue.add(new ControlFrame(kind, Arrays.copyOfRange(bytes, offset, offset + length)));
                }
            };
            return new PrintStream(new BufferedOutputStream(sink, 8192), true, StandardCharsets.UTF_8);
        }

        /** Sends the last frame and waits until everything is written. */
        void finish(ControlFrame last) {
            queue.add(last);
            queue.add(END);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }

    /** Stops serving and removes the socket and the token; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timeouts.shutdownNow();
        closeQuietly(server);
        try {
            commandLine.close();
        } catch (IllegalStateException e) {
            // the framework has stopped: its listeners are gone already
        }
        try {
            Files.deleteIfExists(endpoint.socket());
            Files.deleteIfExists(endpoint.token());
        } catch (IOException e) {
            System.err.println("ggen: warning: cannot remove " + endpoint.runDir() + ": " + e.getMessage());
        }
    }
}
