package io.ggen.ffi.bridge.rpc.internal;

import java.io.OutputStream;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;

/**
 * lsp4j's frame writer with the size limit: a message over it is refused before a byte is written
 * (the worker would refuse it and exit), with a {@link MessageTooLargeException}.
 */
final class BoundedMessageConsumer extends StreamMessageConsumer {

    private final int maxMessageSize;

    BoundedMessageConsumer(OutputStream output, MessageJsonHandler jsonHandler, int maxMessageSize) {
        super(output, jsonHandler);
        this.maxMessageSize = maxMessageSize;
    }

    /** Called with the body's length before anything is written. */
    @Override
    protected String getHeader(int contentLength) {
        if (contentLength > maxMessageSize) {
            throw new MessageTooLargeException(contentLength, maxMessageSize);
        }
        return super.getHeader(contentLength);
    }

    /** A request whose message would be larger than the limit; nothing was sent. */
    static final class MessageTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MessageTooLargeException(int size, int limit) {
            super("the request is a message of " + size + " bytes, which exceeds the limit of " + limit + " bytes");
        }
    }
}
