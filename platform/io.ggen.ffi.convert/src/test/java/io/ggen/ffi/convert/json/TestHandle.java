package io.ggen.ffi.convert.json;

import io.ggen.ffi.api.ForeignHandle;

/** A handle for tests: equal when the ids are. */
public record TestHandle(String id) implements ForeignHandle {

    @Override public String language() { return "test"; }
    @Override public String typeName() { return "Thing"; }
    @Override public boolean isReleased() { return false; }
    @Override public void release() { }
    @Override public String toString() { return "test:" + id; }
}
