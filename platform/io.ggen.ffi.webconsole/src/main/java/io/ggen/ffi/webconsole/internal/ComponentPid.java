package io.ggen.ffi.webconsole.internal;

/**
 * Where a Declarative Services component takes its configuration from, or why it takes none.
 *
 * @param pid the configuration PID (the last of the component's, which wins), or {@code null}
 * @param component the component's name, or {@code null} when there is no component
 * @param ownRanking the {@code service.ranking} the component declares itself (0 when it declares none)
 * @param reason why the component cannot be configured, or {@code null} when it can
 */
record ComponentPid(String pid, String component, int ownRanking, String reason) {

    static ComponentPid none(String reason) {
        return new ComponentPid(null, null, 0, reason);
    }

    boolean configurable() {
        return pid != null;
    }
}
