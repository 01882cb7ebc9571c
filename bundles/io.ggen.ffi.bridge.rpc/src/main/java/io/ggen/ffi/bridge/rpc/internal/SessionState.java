package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;

/**
 * Where one worker session is in its life. A {@link WorkerSession} holds one of these and replaces
 * it whole (compare-and-set), never changes it:
 *
 * <pre>
 * STARTING --ready--> READY --close--> CLOSING --end--> CLOSED
 *     |                 |                                 ^
 *     +------end--------+--> BROKEN --close---------------+
 * </pre>
 *
 * A session takes requests while STARTING, READY or CLOSING ({@code shutdown} and {@code exit} go
 * out while it closes); calls go only to a usable one (STARTING or READY). BROKEN is a session that
 * ended on its own or was killed: its slot counts the failure once ({@link #counted}) and starts a
 * new session for the next call. The first reason a session ends for is the one it keeps.
 *
 * @param info what the worker said in {@code initialize}; null before
 * @param reason why the session ended, read after the worker's name ({@code exited with status 3}); null before
 * @param counted whether the slot has counted this session's failure (BROKEN only)
 */
record SessionState(Phase phase, WorkerInfo info, String reason, boolean counted) {

    enum Phase { STARTING, READY, CLOSING, BROKEN, CLOSED }

    static final SessionState STARTING = new SessionState(Phase.STARTING, null, null, false);

    /** Whether calls may go to it: it has not ended and is not closing. */
    boolean isUsable() {
        return phase == Phase.STARTING || phase == Phase.READY;
    }

    /** Whether it has ended (broken or closed): requests fail at once with {@link #reason}. */
    boolean hasEnded() {
        return phase == Phase.BROKEN || phase == Phase.CLOSED;
    }

    /** The handshake succeeded. A session that ended meanwhile stays ended, but keeps what the worker said. */
    SessionState ready(WorkerInfo said) {
        return new SessionState(phase == Phase.STARTING ? Phase.READY : phase, said, reason, counted);
    }

    /** The session ends (the worker exited, broke the framing, was killed); the first reason wins. */
    SessionState ended(String why) {
        return switch (phase) {
            case STARTING, READY -> new SessionState(Phase.BROKEN, info, why, false);
            case CLOSING -> new SessionState(Phase.CLOSED, info, why, false);
            case BROKEN, CLOSED -> this;
        };
    }

    /** {@code close()} began: no more calls, its end is expected (not a failure to count or to log). */
    SessionState closing() {
        return switch (phase) {
            case STARTING, READY -> new SessionState(Phase.CLOSING, info, null, false);
            case BROKEN -> new SessionState(Phase.CLOSED, info, reason, counted);
            case CLOSING, CLOSED -> this;
        };
    }

    /** The slot counted the failure of this BROKEN session. */
    SessionState failureCounted() {
        return phase == Phase.BROKEN ? new SessionState(phase, info, reason, true) : this;
    }

    /** Whether its slot has yet to count this session's failure. */
    boolean failureToCount() {
        return phase == Phase.BROKEN && !counted;
    }
}
