package io.ggen.ffi.disttests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Chrome DevTools Protocol client over {@link WebSocket}, as a debugger front end talks to GraalVM's
 * inspector: {@link #send commands} answered by id, {@link #awaitEvent events} in the order they came.
 */
final class DevToolsClient implements AutoCloseable {

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final Duration timeout;

    private DevToolsClient(URI address, Duration timeout) {
        this.timeout = timeout;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
            .buildAsync(address, new Listener()).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Connects to the inspector at {@code ws://host:port/path}; each later wait is bounded by {@code timeout}. */
    static DevToolsClient connect(URI address, Duration timeout) {
        return new DevToolsClient(address, timeout);
    }

    /** Sends a command and returns its result; fails on a protocol error or no answer in time. */
    JsonObject send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params == null ? new JsonObject() : params);
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).join();
        JsonObject response = answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.has("result") ? response.getAsJsonObject("result") : new JsonObject();
    }

    JsonObject send(String method) {
        return send(method, null);
    }

    /** The params of the next event named {@code method}, skipping other events; fails when none comes in time. */
    JsonObject awaitEvent(String method) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + method + " event within " + timeout.toSeconds() + " s");
            }
            if (method.equals(event.get("method").getAsString())) {
                return event.getAsJsonObject("params");
            }
        }
    }

    /** Builds params: name, value, name, value... (strings, numbers, booleans or JSON elements). */
    static JsonObject params(Object... namesAndValues) {
        JsonObject params = new JsonObject();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            switch (value) {
                case String s -> params.addProperty(name, s);
                case Number n -> params.addProperty(name, n);
                case Boolean b -> params.addProperty(name, b);
                case JsonElement e -> params.add(name, e);
                default -> throw new IllegalArgumentException("not a JSON value: " + value);
            }
        }
        return params;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
                text.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> answer = pending.remove(message.get("id").getAsInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else {
                    events.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
