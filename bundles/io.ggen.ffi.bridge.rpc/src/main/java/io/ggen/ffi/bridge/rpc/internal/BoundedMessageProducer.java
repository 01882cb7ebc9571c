package io.ggen.ffi.bridge.rpc.internal;

import java.io.InputStream;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;

/**
 * lsp4j's frame reader, strict: a header line that is not {@code Name: value}, a frame without or
 * with an unreadable {@code Content-Length}, or one over the size limit means the stream is out of
 * sync for good. It then stops reading and reports why, once; the session kills the worker.
 * (lsp4j alone logs such input and reads on, which would leave calls waiting forever.)
 */
final class BoundedMessageProducer extends StreamMessageProducer {

    /** An HTTP-style header name: what a frame header line starts with. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");

    private final int maxMessageSize;
    private final Consumer<String> onBroken;
    private volatile boolean broken;

    BoundedMessageProducer(InputStream input, MessageJsonHandler jsonHandler, MessageIssueHandler issueHandler,
                           int maxMessageSize, Consumer<String> onBroken) {
        super(input, jsonHandler, issueHandler);
        this.maxMessageSize = maxMessageSize;
        this.onBroken = onBroken;
    }

    @Override
    protected void parseHeader(String line, Headers headers) {
        int colon = line.indexOf(':');
        if (colon <= 0 || !HEADER_NAME.matcher(line.substring(0, colon).strip()).matches()) {
            broken("wrote to stdout what is not a frame header: \"" + abbreviate(line)
                + "\" (a worker writes only frames there, 'Content-Length: N' first; print to stderr)");
            return;
        }
        if (!line.substring(0, colon).strip().equalsIgnoreCase(CONTENT_LENGTH_HEADER)) {
            super.parseHeader(line, headers);
            return;
        }
        String value = line.substring(colon + 1).strip();
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            broken("sent the frame header \"" + abbreviate(line) + "\", whose length is not a number");
            return;
        }
        if (length < 0 || length > maxMessageSize) {
            broken("sent a message of " + length + " bytes, which exceeds the limit of " + maxMessageSize + " bytes");
            return;
        }
        headers.contentLength = (int) length;
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) {
        return !broken && super.handleMessage(input, headers);
    }

    /** What lsp4j would only log: a frame without Content-Length, or a body it cannot parse. */
    @Override
    protected void fireError(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        broken("sent a frame that cannot be read: " + abbreviate(message));
    }

    @Override
    protected void fireStreamClosed(Exception cause) {
        // the stream closed under the reader (the worker or the connection ended): the session sees
        // the end when listen returns, and asks the process how it ended
    }

    private void broken(String reason) {
        if (!broken) {
            broken = true;
            close();
            onBroken.accept(reason);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
