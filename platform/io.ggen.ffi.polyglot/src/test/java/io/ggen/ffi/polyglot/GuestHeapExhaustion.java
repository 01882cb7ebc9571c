package io.ggen.ffi.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * Runs in a JVM of its own with a small heap ({@link PolyglotErrorsTest} starts it): a JavaScript
 * function fills the heap, and what the platform says about it is printed on one line. The test JVM
 * never runs out of memory itself.
 */
final class GuestHeapExhaustion {

    static final String MARK = "foreign: ";

    private GuestHeapExhaustion() {
    }

    public static void main(String[] args) {
        try (Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            // A local array: once the error unwinds the function, the garbage is collectable again.
            context.eval("js", """
                function fill() {
                    const chunks = [];
                    while (true) { chunks.push(new Array(100000).fill(chunks.length)); }
                }
                """);
            try {
                context.getBindings("js").getMember("fill").execute();
                System.out.println("no error");
            } catch (PolyglotException e) {
                PolyglotErrors errors = new PolyglotErrors(TestJsPool.JS, (error, guest) -> null, source -> false);
                System.out.println("resourceExhausted=" + e.isResourceExhausted());
                System.out.println(MARK + errors.toForeign(e, "the call to fill", false).getMessage());
            }
        }
    }
}
