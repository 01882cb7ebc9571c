package io.ggen.ffi.webconsole.internal;

import java.util.Objects;

/**
 * What an action did, shown at the top of the page it redirects to: one line that says what was
 * done, or why nothing was.
 *
 * @param failed whether the action could not be done
 * @param text the line, plain text (the page escapes it)
 */
record Notice(boolean failed, String text) {

    Notice {
        Objects.requireNonNull(text, "text");
    }

    static Notice done(String text) {
        return new Notice(false, text);
    }

    static Notice failed(String text) {
        return new Notice(true, text);
    }
}
