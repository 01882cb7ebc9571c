package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ggen.ffi.api.FunctionSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's {@code signature} member in {@code initialize}'s answer (docs/rpc-protocol.md):
 * {@code {"params":[{"name":"a","type":"int","optional":false}],"returns":"int","doc":"...","variadic":false}}
 * in the platform's neutral type names. Every member is optional: a missing parameter name is
 * {@code argN}, a missing type {@code any}, a missing {@code returns} {@code any}.
 */
final class RpcSignatures {

    private RpcSignatures() {
    }

    /**
     * Reads a function's {@code signature} member.
     *
     * @return the signature, or null when the member is missing or not an object
     */
    static FunctionSignature parse(String name, JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            return null;
        }
        JsonObject signature = element.getAsJsonObject();
        List<FunctionSignature.Parameter> parameters = new ArrayList<>();
        if (signature.get("params") instanceof JsonArray params) {
            for (JsonElement param : params) {
                JsonObject p = param.isJsonObject() ? param.getAsJsonObject() : new JsonObject();
                parameters.add(new FunctionSignature.Parameter(text(p.get("name"), "arg" + parameters.size()),
                    text(p.get("type"), FunctionSignature.ANY), bool(p.get("optional"))));
            }
        }
        return new FunctionSignature(name, parameters, text(signature.get("returns"), FunctionSignature.ANY),
            text(signature.get("doc"), ""), bool(signature.get("variadic")));
    }

    /** What a worker of before the {@code signature} member tells: its parameter names, every type {@code any}. */
    static FunctionSignature fromNames(String name, List<String> params) {
        List<FunctionSignature.Parameter> parameters = params.stream()
            .map(param -> new FunctionSignature.Parameter(param, FunctionSignature.ANY, false))
            .toList();
        return new FunctionSignature(name, parameters, FunctionSignature.ANY, "", false);
    }

    /** The {@code signature} member for a signature: what an isolate host answers. */
    static JsonObject toJson(FunctionSignature signature) {
        JsonObject json = new JsonObject();
        JsonArray params = new JsonArray();
        for (FunctionSignature.Parameter parameter : signature.parameters()) {
            JsonObject param = new JsonObject();
            param.addProperty("name", parameter.name());
            param.addProperty("type", parameter.type());
            param.addProperty("optional", parameter.optional());
            params.add(param);
        }
        json.add("params", params);
        json.addProperty("returns", signature.result());
        json.addProperty("doc", signature.doc());
        json.addProperty("variadic", signature.variadic());
        return json;
    }

    private static String text(JsonElement element, String otherwise) {
        return element != null && element.isJsonPrimitive() && !element.getAsString().isBlank()
            ? element.getAsString() : otherwise;
    }

    private static boolean bool(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isBoolean()
            && element.getAsBoolean();
    }
}
