package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The values of the "Try a call" form, as typed: what a POST sends, and what the page shows again
 * after it.
 *
 * @param language the language chosen
 * @param code the module's code
 * @param function the function to call
 * @param arguments one JSON value per line
 * @param timeout the call's timeout as typed, e.g. {@code 5s}
 * @param isolated whether the module runs in an isolate (a child JVM)
 * @param pure whether the call declares the function pure, so that the cache may answer it
 */
record CallForm(String language, String code, String function, String arguments, String timeout, boolean isolated,
                boolean pure) {

    static final String LANGUAGE = "language";
    static final String CODE = "code";
    static final String FUNCTION = "function";
    static final String ARGUMENTS = "arguments";
    static final String TIMEOUT = "timeout";
    static final String ISOLATED = "isolated";
    static final String PURE = "pure";

    CallForm {
        language = Objects.requireNonNullElse(language, "").strip();
        code = Objects.requireNonNullElse(code, "");
        function = Objects.requireNonNullElse(function, "").strip();
        arguments = Objects.requireNonNullElse(arguments, "");
        timeout = Objects.requireNonNullElse(timeout, "").strip();
    }

    /** In process, not declared pure. */
    CallForm(String language, String code, String function, String arguments, String timeout) {
        this(language, code, function, arguments, timeout, false, false);
    }

    /** An empty form: JavaScript when a bridge serves it, else the first language present. */
    static CallForm empty(List<BridgeInfo> bridges) {
        String language = bridges.stream().map(BridgeInfo::language)
            .filter("javascript"::equals).findFirst()
            .orElse(bridges.isEmpty() ? "" : bridges.getFirst().language());
        return new CallForm(language, "", "", "", Timeouts.DEFAULT_TEXT);
    }

    /** The form as posted; {@code parameters} gives a request parameter or {@code null}. */
    static CallForm from(Function<String, String> parameters) {
        return new CallForm(parameters.apply(LANGUAGE), parameters.apply(CODE), parameters.apply(FUNCTION),
            parameters.apply(ARGUMENTS), parameters.apply(TIMEOUT), parameters.apply(ISOLATED) != null,
            parameters.apply(PURE) != null);
    }
}
