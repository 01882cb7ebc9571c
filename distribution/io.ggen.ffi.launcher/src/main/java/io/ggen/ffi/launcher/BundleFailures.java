package io.ggen.ffi.launcher;

import java.util.regex.Pattern;

import org.osgi.framework.BundleException;

/** Turns the exception of a bundle that did not start into one readable line. */
final class BundleFailures {

    /** Felix's "[bsn [id](R id.0)] " revision markers, noise once the bundle has been named. */
    private static final Pattern REVISION = Pattern.compile("\\[[^\\[\\]\\s]+ \\[\\d+\\]\\(R [\\d.]+\\)\\] ?");
    private static final Pattern UNABLE_PREFIX = Pattern.compile("^Unable to resolve [^:]+: ");

    private BundleFailures() {
    }

    /**
     * For a resolution error, the missing requirement ({@code missing requirement osgi.wiring.package;
     * (osgi.wiring.package=x)}, with its chain of causes); otherwise the message and the root cause.
     */
    static String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = String.valueOf(error.getMessage());
        if (error instanceof BundleException bundleError && bundleError.getType() == BundleException.RESOLVE_ERROR) {
            int tail = message.indexOf(" Unresolved requirements:");
            if (tail > 0) {
                message = message.substring(0, tail);
            }
            message = UNABLE_PREFIX.matcher(message).replaceFirst("");
            return REVISION.matcher(message).replaceAll("").trim();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? message : message + " (" + root + ")";
    }
}
