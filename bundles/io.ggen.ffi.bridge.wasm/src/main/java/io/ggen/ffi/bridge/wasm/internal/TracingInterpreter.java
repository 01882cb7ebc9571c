package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Chicory's interpreter, remembering the WebAssembly functions a failure unwound through (innermost
 * first, at most {@value #MAX_FRAMES}): the interpreter keeps no stack of its own once it has thrown.
 * One per instance, so used by one thread at a time.
 */
final class TracingInterpreter extends InterpreterMachine {

    static final int MAX_FRAMES = 64;

    private final List<Integer> unwound = new ArrayList<>();

    TracingInterpreter(Instance instance) {
        super(instance);
    }

    /** A call from the host: it starts a new trace. */
    @Override
    public long[] call(int funcId, long[] args) {
        unwound.clear();
        return super.call(funcId, args);
    }

    @Override
    protected long[] call(MStack stack, Instance instance, Deque<StackFrame> callStack, int funcId, long[] args,
                          FunctionType callType, boolean popResults) {
        try {
            return super.call(stack, instance, callStack, funcId, args, callType, popResults);
        } catch (RuntimeException e) {
            if (unwound.size() < MAX_FRAMES) {
                unwound.add(funcId);
            }
            throw e;
        }
    }

    /** The functions the last failure unwound through, innermost first. */
    List<Integer> unwound() {
        return List.copyOf(unwound);
    }
}
