package io.ggen.ffi.bridge.wasm.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A WASI module's stdout or stderr: each line it writes goes to the log, as one entry. A line longer
 * than {@value #MAX_LINE} bytes is logged in pieces. Used by one instance, so by one thread at a time.
 */
final class GuestOutput extends OutputStream {

    static final int MAX_LINE = 8192;

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param sink takes each line, without its line break */
    GuestOutput(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
            if (line.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Logs what is left of a line (the guest ended without a line break). */
    @Override
    public void flush() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        sink.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
