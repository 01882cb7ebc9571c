package io.ggen.ffi.shell.command;

import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The state of installed bundles, for commands that say what is there. */
public final class BundleStates {

    private BundleStates() {
    }

    /** The state of the bundle with this symbolic name, e.g. {@code ACTIVE}; {@code ?} when none is installed. */
    public static Function<String, String> of(BundleContext context) {
        return symbolicName -> {
            for (Bundle bundle : context.getBundles()) {
                if (symbolicName.equals(bundle.getSymbolicName())) {
                    return name(bundle.getState());
                }
            }
            return "?";
        };
    }

    /**
     * A bundle state's name, e.g. {@code ACTIVE} for {@link Bundle#ACTIVE}.
     *
     * @since 1.1
     */
    public static String name(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }
}
