package io.ggen.ffi.webconsole.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Reads and changes configurations through ConfigurationAdmin, one property at a time: the other
 * properties of the configuration (from a file in {@code deploy/}, say) are kept.
 */
final class Configurations {

    private final Supplier<ConfigurationAdmin> admin;

    Configurations(Supplier<ConfigurationAdmin> admin) {
        this.admin = admin;
    }

    boolean present() {
        return admin.get() != null;
    }

    /** The properties of the configuration with that PID, without creating it; empty when there is none. */
    Optional<Dictionary<String, Object>> properties(String pid) throws IOException {
        ConfigurationAdmin present = require();
        Configuration[] found;
        try {
            found = present.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("the PID " + pid + " cannot be looked up: " + e.getMessage(), e);
        }
        return found == null || found.length == 0 ? Optional.empty() : Optional.ofNullable(found[0].getProperties());
    }

    /**
     * Changes the configuration with that PID (made when there is none: not bound to a bundle, so the
     * component of whatever bundle takes that PID gets it), keeping its other properties.
     */
    void update(String pid, Consumer<Dictionary<String, Object>> change) throws IOException {
        Configuration configuration = require().getConfiguration(pid, null);
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        change.accept(properties);
        configuration.update(properties);
    }

    private ConfigurationAdmin require() {
        ConfigurationAdmin present = admin.get();
        if (present == null) {
            throw new IllegalStateException("ConfigurationAdmin is not present (the bundle org.apache.felix.configadmin"
                + " is not active): nothing can be configured");
        }
        return present;
    }

    /** A property's values: a list as it is, an array, or one string of comma-separated values (as in a .cfg file). */
    static List<String> values(Object value) {
        Stream<?> items = switch (value) {
            case null -> Stream.empty();
            case Object[] array -> Stream.of(array);
            case Collection<?> collection -> collection.stream();
            default -> Stream.of(value);
        };
        List<String> values = new ArrayList<>();
        items.map(String::valueOf).flatMap(v -> Stream.of(v.split(","))).map(String::strip)
            .filter(v -> !v.isEmpty()).forEach(values::add);
        return values;
    }

    /** The value escaped for an LDAP filter. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
