package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.tracing.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds a {@link SpanTree} from the ended spans of one trace. */
final class SpanTrees {

    private SpanTrees() {
    }

    static SpanTree of(String traceId, List<SpanData> spans) {
        List<SpanData> ordered = spans.stream().filter(s -> s.getTraceId().equals(traceId))
            .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        Set<String> ids = ordered.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        Map<String, List<SpanData>> children = new HashMap<>();
        List<SpanData> roots = new ArrayList<>();
        for (SpanData span : ordered) {
            if (ids.contains(span.getParentSpanId())) {
                children.computeIfAbsent(span.getParentSpanId(), k -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        return new SpanTree(traceId, nodes(roots, children));
    }

    private static List<SpanTree.Node> nodes(List<SpanData> spans, Map<String, List<SpanData>> children) {
        List<SpanTree.Node> nodes = new ArrayList<>(spans.size());
        for (SpanData span : spans) {
            Map<String, String> attributes = new LinkedHashMap<>();
            span.getAttributes().forEach((AttributeKey<?> key, Object value) -> attributes.put(key.getKey(), String.valueOf(value)));
            attributes.remove(RecordingImpl.ROOT_ATTRIBUTE);
            String error = span.getStatus().getStatusCode() == StatusCode.ERROR ? span.getStatus().getDescription() : null;
            nodes.add(new SpanTree.Node(span.getName(), span.getSpanId(), span.getEndEpochNanos() - span.getStartEpochNanos(),
                error, attributes, nodes(children.getOrDefault(span.getSpanId(), List.of()), children)));
        }
        return nodes;
    }
}
