package io.ggen.ffi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a method of a typed binding calls its function (see {@link ForeignModule#bind(Class)}).
 * Without it, the method's name is the function's name and the call has no options.
 *
 * <pre>{@code
 * interface Analyzer {
 *     @ForeignCall(value = "analyze_code", timeoutMillis = 2000, pure = true)
 *     Report analyze(String code);
 *
 *     @ForeignCall(value = "analyze_code", batch = true)   // one batch: a call per element
 *     List<Report> analyzeAll(List<String> sources);
 * }
 * }</pre>
 *
 * @since 1.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ForeignCall {

    /** The function's name in the module; the method's name when empty. */
    String value() default "";

    /** A timeout for every call, in milliseconds; none when 0. */
    long timeoutMillis() default 0;

    /** Declares the function {@link CallOptions#PURE pure}: its results may be memoized. */
    boolean pure() default false;

    /**
     * Gathers concurrent calls into batches for up to this many milliseconds
     * ({@link CallOptions#BATCH_WINDOW}); not at all when negative.
     */
    long batchWindowMillis() default -1;

    /**
     * The method makes one explicit batch ({@link ForeignFunction#invokeBatch}): its one parameter is
     * a {@code List} with an element per call (a record's components are that call's arguments, any
     * other element is its one argument) and it returns a {@code List} of the results, in order. When
     * an item fails, the method throws that item's {@link ForeignException} once every item ran.
     */
    boolean batch() default false;
}
