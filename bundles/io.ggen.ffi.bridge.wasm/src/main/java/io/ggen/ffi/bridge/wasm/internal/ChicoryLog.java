package io.ggen.ffi.bridge.wasm.internal;

import org.osgi.service.log.Logger;

/** Chicory's own logging (WASI traces each call at trace level) into the bridge's OSGi logger. */
final class ChicoryLog implements com.dylibso.chicory.log.Logger {

    private final Logger logger;

    ChicoryLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void log(Level level, String msg, Throwable throwable) {
        switch (level) {
            case ALL, TRACE -> logger.trace("Chicory: {}", msg, throwable);
            case DEBUG -> logger.debug("Chicory: {}", msg, throwable);
            case INFO -> logger.info("Chicory: {}", msg, throwable);
            case WARNING -> logger.warn("Chicory: {}", msg, throwable);
            case ERROR -> logger.error("Chicory: {}", msg, throwable);
            case OFF -> {
                // nothing is logged at OFF
            }
        }
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> logger.isTraceEnabled();
            case DEBUG -> logger.isDebugEnabled();
            case INFO -> logger.isInfoEnabled();
            case WARNING -> logger.isWarnEnabled();
            case ERROR -> logger.isErrorEnabled();
            case OFF -> false;
        };
    }
}
