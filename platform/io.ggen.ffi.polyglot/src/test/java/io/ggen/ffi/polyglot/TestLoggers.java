package io.ggen.ffi.polyglot;

import java.lang.reflect.Proxy;
import org.osgi.service.log.Logger;

/** Loggers for bridges' unit tests (shipped in this bundle's test-jar). */
public final class TestLoggers {

    private TestLoggers() {
    }

    /** A Logger that drops everything. */
    public static Logger noop() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getName" -> "test";
                case "toString" -> "NoopLogger";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
            });
    }
}
