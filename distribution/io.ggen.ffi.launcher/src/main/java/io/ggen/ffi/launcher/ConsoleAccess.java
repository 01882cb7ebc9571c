package io.ggen.ffi.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule that keeps the Web Console from being reachable from other machines with its well-known
 * password: a host other than loopback needs a password other than the default.
 */
final class ConsoleAccess {

    /** The Web Console password in a fresh distribution (conf/ggen.properties). */
    static final String DEFAULT_PASSWORD = "admin";

    private ConsoleAccess() {
    }

    /** Why the console must not start on {@code host} with {@code password}, or empty when it may. */
    static Optional<String> refusal(String host, String password) {
        if (isLoopback(host) || !DEFAULT_PASSWORD.equals(password)) {
            return Optional.empty();
        }
        return Optional.of("ggen: refusing to serve the Web Console on " + host + " with the default password;"
                + " set GGEN_CONSOLE_PASSWORD (or --console-password), or use --host 127.0.0.1");
    }

    /**
     * Whether {@code host} only accepts connections from this machine: {@code localhost}, {@code 127.x.x.x},
     * {@code ::1}, or a name all of whose addresses are loopback. The wildcard ({@code 0.0.0.0}, {@code ::}),
     * an empty host and a name that does not resolve are not loopback.
     */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false; // Jetty listens on every interface when no host is given.
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.matches("127(\\.[0-9]{1,3}){3}") || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false; // A host we cannot resolve is not known to be loopback.
        }
    }
}
