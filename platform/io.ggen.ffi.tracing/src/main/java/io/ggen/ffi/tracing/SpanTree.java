package io.ggen.ffi.tracing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spans of one trace, as a tree by parentage.
 *
 * @param traceId the trace's id (32 hex digits)
 * @param roots the spans whose parent is not in the trace (normally one), in start order
 */
public record SpanTree(String traceId, List<Node> roots) {

    public SpanTree {
        Objects.requireNonNull(traceId, "traceId");
        roots = List.copyOf(roots);
    }

    /**
     * One span.
     *
     * @param name the span's name
     * @param spanId its id (16 hex digits)
     * @param durationNanos how long it lasted
     * @param error the error's description when the span failed, else null
     * @param attributes its attributes, as strings
     * @param children its child spans, in start order
     */
    public record Node(String name, String spanId, long durationNanos, String error, Map<String, String> attributes,
                       List<Node> children) {

        public Node {
            attributes = Map.copyOf(attributes);
            children = List.copyOf(children);
        }
    }

    /** How many spans the tree holds. */
    public int size() {
        return count(roots);
    }

    private static int count(List<Node> nodes) {
        int n = nodes.size();
        for (Node node : nodes) {
            n += count(node.children());
        }
        return n;
    }

    /**
     * The tree as text: a line with the trace id, then a line per span, its name and duration
     * (and error), indented two spaces per level of parentage.
     */
    public String format() {
        StringBuilder text = new StringBuilder("trace ").append(traceId).append('\n');
        format(text, roots, 1);
        return text.toString();
    }

    private static void format(StringBuilder text, List<Node> nodes, int depth) {
        for (Node node : nodes) {
            text.append("  ".repeat(depth)).append(node.name()).append("  ").append(duration(node.durationNanos()));
            if (node.error() != null) {
                text.append("  error: ").append(node.error());
            }
            text.append('\n');
            format(text, node.children(), depth + 1);
        }
    }

    /** A duration for people: microseconds below a millisecond, milliseconds with two decimals above. */
    static String duration(long nanos) {
        return nanos < 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1f us", nanos / 1e3)
            : String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
