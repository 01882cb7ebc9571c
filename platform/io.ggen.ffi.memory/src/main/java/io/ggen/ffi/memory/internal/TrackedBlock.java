package io.ggen.ffi.memory.internal;

import io.ggen.ffi.memory.NativeBlock;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/** A block handed to a caller; its memory is freed through its {@link BlockState}. */
final class TrackedBlock implements NativeBlock {

    private final BlockState state;
    private final MemorySegment segment;

    TrackedBlock(BlockState state) {
        this.state = state;
        this.segment = MemorySegment.ofAddress(state.address).reinterpret(state.size);
    }

    @Override
    public MemorySegment segment() {
        if (state.isFreed()) {
            throw new IllegalStateException("this " + state.kind + " block of " + state.size + " bytes at 0x"
                + Long.toHexString(state.address) + " was released");
        }
        return segment;
    }

    @Override
    public long address() {
        return state.address;
    }

    @Override
    public long size() {
        return state.size;
    }

    @Override
    public String owner() {
        return state.ledger.owner;
    }

    @Override
    public String language() {
        return "c";
    }

    @Override
    public String typeName() {
        return state.kind;
    }

    @Override
    public boolean isReleased() {
        return state.isFreed();
    }

    @Override
    public void release() {
        try {
            state.free(BlockState.Outcome.RELEASED);
        } finally {
            Reference.reachabilityFence(this);   // else the Cleaner may see the block unreachable mid-release
        }
    }

    @Override
    public String toString() {
        return state.kind + "[" + state.size + " bytes at 0x" + Long.toHexString(state.address) + ", owner "
            + state.ledger.owner + (state.isFreed() ? ", released]" : "]");
    }
}
