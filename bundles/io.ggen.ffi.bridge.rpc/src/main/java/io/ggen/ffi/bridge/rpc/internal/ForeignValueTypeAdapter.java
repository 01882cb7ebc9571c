package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.convert.json.ForeignJson;
import java.io.IOException;
import java.util.function.Function;

/**
 * Neutral values inside lsp4j's messages, in the platform's JSON form ({@link ForeignJson}:
 * {@code $bigint}, {@code $bytes}, {@code $float}, {@code $handle}). One per connection: handles
 * are ids of that worker session.
 */
final class ForeignValueTypeAdapter extends TypeAdapter<ForeignValue> {

    private final Function<? super ForeignHandle, String> handleIds;
    private final Function<String, ? extends ForeignHandle> handles;

    /**
     * @param handleIds the id of a handle sent to the worker (throws when it is not this worker's)
     * @param handles a handle for an id the worker sent
     */
    ForeignValueTypeAdapter(Function<? super ForeignHandle, String> handleIds,
                            Function<String, ? extends ForeignHandle> handles) {
        this.handleIds = handleIds;
        this.handles = handles;
    }

    @Override
    public void write(JsonWriter out, ForeignValue value) throws IOException {
        ForeignJson.write(out, value == null ? ForeignValue.NULL : value, handleIds);
    }

    /** A malformed value becomes Gson's syntax error, which lsp4j reports as an issue of that one response. */
    @Override
    public ForeignValue read(JsonReader in) throws IOException {
        try {
            return ForeignJson.read(in, handles);
        } catch (ForeignArgumentException e) {
            throw new JsonSyntaxException(e.getMessage(), e);
        }
    }
}
