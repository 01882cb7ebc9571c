package io.ggen.ffi.bridge.rpc.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** A session with a worker service over TCP: one connection, frames both ways. */
final class SocketTransport implements WorkerTransport {

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    private SocketTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new BufferedInputStream(socket.getInputStream());
        this.output = new BufferedOutputStream(socket.getOutputStream());
    }

    /**
     * Connects within the start timeout.
     *
     * @throws IOException nobody listens there, or the connection fails
     */
    static SocketTransport connect(WorkerSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.startTimeout().toMillis())));
            return new SocketTransport(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public Optional<String> ending(Duration wait) {
        return Optional.of("closed the connection");
    }

    @Override
    public String recentStderr() {
        return "";
    }

    @Override
    public void terminate(Duration grace) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a broken socket may fail; it is closed either way
        }
    }

    @Override
    public String toString() {
        return "connection " + socket.getLocalPort() + " -> " + socket.getRemoteSocketAddress();
    }
}
