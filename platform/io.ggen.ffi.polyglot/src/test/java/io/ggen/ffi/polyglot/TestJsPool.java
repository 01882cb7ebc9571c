package io.ggen.ffi.polyglot;

import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** A pool of plain JavaScript contexts with one script loaded, for the tests of what the bridges share. */
final class TestJsPool implements AutoCloseable {

    static final GuestLanguage JS = new GuestLanguage("javascript", "js", "JavaScript", "graaljs");

    /** A context of the pool: the script's global functions. */
    static final class JsContext extends PooledContext {

        JsContext(int index, Context context) {
            super(index, context, false);
        }

        @Override
        protected Value lookupFunction(String name) {
            return context().getBindings("js").getMember(name);
        }
    }

    private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    private final ContextPool<JsContext> pool;

    TestJsPool(String script, Duration grace) {
        Source source = Source.create("js", script);
        pool = new ContextPool<>(1, index -> {
            Context context = Context.newBuilder("js").engine(engine).build();
            context.eval(source);
            return new JsContext(index, context);
        }, "test module", grace.toNanos(), new PolyglotErrors(JS, (e, guest) -> null, file -> false), TestLoggers.noop());
    }

    ContextPool<JsContext> pool() {
        return pool;
    }

    /** Runs a function of the script in a pooled context, as a bridge's call does. */
    Value call(String function) {
        JsContext context = pool.acquire(null);
        try {
            return context.function(0, function).execute();
        } finally {
            pool.release(context);
        }
    }

    @Override
    public void close() {
        pool.close();
        engine.close(true);
    }
}
