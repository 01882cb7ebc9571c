package io.ggen.ffi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Whether the HTTP port is free before start, and whether the Web Console answers after. */
final class WebConsoleProbe {

    private WebConsoleProbe() {
    }

    /** Null when {@code host:port} can be bound now, else why not, in words. */
    static String whyPortUnavailable(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free
            InetSocketAddress address = host == null || host.isBlank() ? new InetSocketAddress(port)
                    : new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                return "the host " + host + " is unknown";
            }
            socket.bind(address);
            return null;
        } catch (java.net.BindException e) {
            return "port " + port + " on " + host + " is in use (" + e.getMessage() + ")";
        } catch (IOException | SecurityException e) {
            return "cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")";
        }
    }

    /**
     * Polls {@code url} until it answers with anything but "not found" (the console is registered), or
     * {@code timeout} passes.
     */
    static boolean awaitAnswer(String url, String user, String password, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                connection.setRequestProperty("Authorization", authorization);
                int status = connection.getResponseCode();
                drain(connection);
                if (status != HttpURLConnection.HTTP_NOT_FOUND && status < 500) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream in = connection.getErrorStream() != null ? connection.getErrorStream() : connection.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the status is all we need
        }
    }
}
