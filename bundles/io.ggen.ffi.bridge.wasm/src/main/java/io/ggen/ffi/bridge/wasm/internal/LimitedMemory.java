package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * An instance's linear memory ({@link ByteArrayMemory}) under the bridge's page limit: a
 * {@code memory.grow} past the limit (but within what the module itself declares) throws
 * {@link MemoryLimitException} instead of returning -1, so that the call fails saying which limit it
 * met and how to raise it; growing past the module's own maximum still returns -1, as WebAssembly says.
 * Everything else is the delegate's.
 */
@SuppressWarnings("removal") // lock, waitOn, notify: Chicory's deprecated API, still abstract in Memory
final class LimitedMemory implements Memory {

    private final Memory delegate;
    private final int limitPages;
    private final int modulePages;

    /**
     * @param limits the module's own limits
     * @param limitPages the bridge's limit, in pages
     */
    LimitedMemory(MemoryLimits limits, int limitPages) {
        this.delegate = new ByteArrayMemory(limits);
        this.limitPages = limitPages;
        this.modulePages = limits.maximumPages();
    }

    /** Thrown from {@code memory.grow} past the bridge's limit; it unwinds the guest's stack. */
    static final class MemoryLimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int requestedPages;
        private final int limitPages;

        MemoryLimitException(int requestedPages, int limitPages) {
            // with its stack trace: in compiler mode, its frames are the WebAssembly functions it unwinds
            super("memory.grow to " + requestedPages + " pages, past the limit of " + limitPages + " pages");
            this.requestedPages = requestedPages;
            this.limitPages = limitPages;
        }

        int requestedPages() {
            return requestedPages;
        }

        int limitPages() {
            return limitPages;
        }
    }

    @Override
    public int grow(int size) {
        long target = (long) delegate.pages() + size;
        if (size > 0 && target > limitPages && target <= modulePages) {
            throw new MemoryLimitException((int) target, limitPages);
        }
        return delegate.grow(size);
    }

    @Override public int pages() { return delegate.pages(); }
    @Override public int initialPages() { return delegate.initialPages(); }
    @Override public int maximumPages() { return Math.min(delegate.maximumPages(), limitPages); }
    @Override public boolean shared() { return delegate.shared(); }
    @Override public Object lock(int address) { return delegate.lock(address); }
    @Override public int waitOn(int address, int expected, long timeout) { return delegate.waitOn(address, expected, timeout); }
    @Override public int waitOn(int address, long expected, long timeout) { return delegate.waitOn(address, expected, timeout); }
    @Override public int notify(int address, int maxThreads) { return delegate.notify(address, maxThreads); }
    @Override public void initialize(Instance instance, DataSegment[] dataSegments) { delegate.initialize(instance, dataSegments); }
    @Override public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        delegate.initialize(instance, dataSegments, memoryIndex);
    }
    @Override public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        delegate.initPassiveSegment(segmentId, dest, offset, size);
    }
    @Override public void write(int addr, byte[] data, int offset, int size) { delegate.write(addr, data, offset, size); }
    @Override public byte read(int addr) { return delegate.read(addr); }
    @Override public byte[] readBytes(int addr, int len) { return delegate.readBytes(addr, len); }
    @Override public void writeI32(int addr, int data) { delegate.writeI32(addr, data); }
    @Override public int readInt(int addr) { return delegate.readInt(addr); }
    @Override public void writeLong(int addr, long data) { delegate.writeLong(addr, data); }
    @Override public long readLong(int addr) { return delegate.readLong(addr); }
    @Override public void writeShort(int addr, short data) { delegate.writeShort(addr, data); }
    @Override public short readShort(int addr) { return delegate.readShort(addr); }
    @Override public long readU16(int addr) { return delegate.readU16(addr); }
    @Override public void writeByte(int addr, byte data) { delegate.writeByte(addr, data); }
    @Override public void writeF32(int addr, float data) { delegate.writeF32(addr, data); }
    @Override public long readF32(int addr) { return delegate.readF32(addr); }
    @Override public float readFloat(int addr) { return delegate.readFloat(addr); }
    @Override public void writeF64(int addr, double data) { delegate.writeF64(addr, data); }
    @Override public double readDouble(int addr) { return delegate.readDouble(addr); }
    @Override public long readF64(int addr) { return delegate.readF64(addr); }
    @Override public void zero() { delegate.zero(); }
    @Override public void fill(byte value, int fromIndex, int toIndex) { delegate.fill(value, fromIndex, toIndex); }
    @Override public void copy(int dest, int src, int size) { delegate.copy(dest, src, size); }
    @Override public void drop(int segment) { delegate.drop(segment); }
}
