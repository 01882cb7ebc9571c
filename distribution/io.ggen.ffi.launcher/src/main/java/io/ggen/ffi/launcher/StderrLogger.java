package io.ggen.ffi.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Felix's own log, on stderr instead of stdout (stdout carries only the command's output). Bundle start
 * failures are left out: {@link FelixContainer} reports them once, with the missing requirement.
 */
final class StderrLogger extends Logger {

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        if (throwable instanceof BundleException) {
            return; // reported by FelixContainer's framework listener or by the code that started the bundle
        }
        StringBuilder line = new StringBuilder("felix: ").append(levelName(level)).append(": ").append(msg);
        if (bundle != null) {
            line.append(" (").append(bundle.getSymbolicName()).append(')');
        }
        if (throwable != null) {
            line.append(": ").append(throwable);
        }
        System.err.println(line);
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        doLog(null, null, level, msg, throwable);
    }

    private static String levelName(int level) {
        return switch (level) {
            case LOG_ERROR -> "error";
            case LOG_WARNING -> "warning";
            case LOG_INFO -> "info";
            default -> "debug";
        };
    }
}
