package io.ggen.ffi.memory.internal;

import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link NativeMemory} of one bundle: SCR makes an instance per using bundle, and deactivates it
 * when that bundle releases the service (at the latest when it stops); its live blocks are freed then.
 */
@Component(scope = ServiceScope.BUNDLE)
public final class BundleNativeMemory implements NativeMemory {

    private final NativeHeap heap;
    private final OwnerLedger ledger;

    @Activate
    public BundleNativeMemory(@Reference NativeHeap heap, ComponentContext context) {
        this(heap, usingBundle(context).getSymbolicName(), usingBundle(context).getBundleId());
    }

    BundleNativeMemory(NativeHeap heap, String owner, long bundleId) {
        this.heap = heap;
        this.ledger = heap.open(owner, bundleId);
    }

    private static Bundle usingBundle(ComponentContext context) {
        return Objects.requireNonNull(context.getUsingBundle(), "NativeMemory is a bundle-scoped service");
    }

    @Deactivate
    void deactivate() {
        heap.close(ledger);
    }

    @Override
    public NativeBlock allocate(long size) {
        return allocate(size, LibcAllocator.CALLOC_ALIGNMENT);
    }

    @Override
    public NativeBlock allocate(long size, long alignment) {
        if (size < 0) {
            throw new IllegalArgumentException("a native block cannot have a negative size: " + size);
        }
        if (alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("the alignment of a native block must be a power of two, not " + alignment);
        }
        ledger.checkOpen();
        long address = LibcAllocator.allocate(size, alignment);
        return heap.track(ledger, address, size, NATIVE_MEMORY, LibcAllocator::free);
    }

    @Override
    public NativeBlock adopt(MemorySegment segment, String kind, Consumer<MemorySegment> free) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(free, "free");
        if (!segment.isNative() || segment.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("only native memory at a non-NULL address can be adopted, not " + segment);
        }
        return heap.track(ledger, segment.address(), segment.byteSize(), kind, free);
    }

    @Override
    public MemoryUsage usage() {
        return ledger.usage();
    }
}
