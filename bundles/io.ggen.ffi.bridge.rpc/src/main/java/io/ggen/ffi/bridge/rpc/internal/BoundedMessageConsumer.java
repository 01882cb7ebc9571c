package io.ggen.ffi.bridge.rpc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * Writes frames to the worker on a writer thread of its own, in order. A caller only serializes its
 * message (lsp4j's {@link MessageJsonHandler}) and queues it: a worker that stops reading its input
 * cannot block callers, their timeouts, cancellation or the bridge's stop. A message over the size
 * limit is refused before anything is queued, with a {@link MessageTooLargeException}.
 */
final class BoundedMessageConsumer implements MessageConsumer {

    private final OutputStream output;
    private final MessageJsonHandler jsonHandler;
    private final int maxMessageSize;
    private final Consumer<String> onWriteFailure;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ggen-rpc-writer").factory());

    /** @param onWriteFailure told why, when the worker's input can no longer be written */
    BoundedMessageConsumer(OutputStream output, MessageJsonHandler jsonHandler, int maxMessageSize, Consumer<String> onWriteFailure) {
        this.output = output;
        this.jsonHandler = jsonHandler;
        this.maxMessageSize = maxMessageSize;
        this.onWriteFailure = onWriteFailure;
    }

    @Override
    public void consume(Message message) {
        byte[] content = jsonHandler.serialize(message).getBytes(StandardCharsets.UTF_8);
        if (content.length > maxMessageSize) {
            throw new MessageTooLargeException(content.length, maxMessageSize);
        }
        byte[] header = ("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            writer.execute(() -> write(header, content));
        } catch (RejectedExecutionException e) {
            throw new JsonRpcException(new IOException("the connection to the worker is closed", e));
        }
    }

    private void write(byte[] header, byte[] content) {
        try {
            output.write(header);
            output.write(content);
            output.flush();
        } catch (IOException e) {
            onWriteFailure.accept("stopped reading its input (" + e.getMessage() + ")");
        }
    }

    /** Drops what is still queued and stops the writer thread (a write blocked on a dead pipe ends with it). */
    void close() {
        writer.shutdownNow();
    }

    /** A request whose message would be larger than the limit; nothing was sent. */
    static final class MessageTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MessageTooLargeException(int size, int limit) {
            super("the request is a message of " + size + " bytes, which exceeds the limit of " + limit + " bytes");
        }
    }
}
