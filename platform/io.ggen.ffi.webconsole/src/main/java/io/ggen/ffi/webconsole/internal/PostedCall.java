package io.ggen.ffi.webconsole.internal;

/**
 * A "Try a call" form as posted and how its call ended, kept for the page the POST redirects to.
 *
 * @param form the form as posted
 * @param outcome how the call ended
 */
record PostedCall(CallForm form, CallOutcome outcome) {
}
