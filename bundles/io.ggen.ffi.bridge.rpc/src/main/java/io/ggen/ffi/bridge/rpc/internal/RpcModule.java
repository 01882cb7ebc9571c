package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A worker program as a module: its functions are what its workers said in {@code initialize}. */
final class RpcModule implements GuestModule {

    private final Supplier<WorkerPool> pool;
    private final Runnable onClose;
    private final boolean checksFunctions;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param pool the pool that serves the module now: a configured pool is replaced when its
     *     configuration changes, and the module follows
     * @param onClose lets go of the pool (the last module of a pool stops its workers)
     * @param checksFunctions whether a function the workers did not list fails at once: a worker
     *     lists all it has, an isolated C library may not (a name is looked up when called)
     */
    RpcModule(Supplier<WorkerPool> pool, Runnable onClose, boolean checksFunctions) {
        this.pool = pool;
        this.onClose = onClose;
        this.checksFunctions = checksFunctions;
    }

    WorkerPool pool() {
        return pool.get();
    }

    @Override
    public Set<String> functions() {
        WorkerInfo info = pool().info();
        return info == null ? Set.of() : Set.copyOf(info.functions().keySet());
    }

    /**
     * What the workers said of their functions in {@code initialize}: each function's
     * {@code signature} member, else its parameter names with every type {@code any}; a function
     * listed by name only is left out.
     */
    @Override
    public List<FunctionSignature> signatures() {
        WorkerInfo info = pool().info();
        if (info == null) {
            return List.of();
        }
        return info.functions().values().stream().map(RpcMessages.FunctionInfo::toSignature)
            .filter(Objects::nonNull).toList();
    }

    @Override
    public GuestFunction function(String name) {
        checkOpen();
        WorkerPool current = pool();
        WorkerInfo info = current.info();
        if (checksFunctions && info != null && !info.functions().containsKey(name)) {
            throw new NoSuchFunctionException(current.label(), "worker '" + current.settings().name() + "' has no function '"
                + name + "'; it has: " + info.functionList());
        }
        return new RpcFunction(this, name);
    }

    void checkOpen() {
        if (closed.get()) {
            WorkerPool current = pool();
            throw new BridgeUnavailableException(current.label(), "the module of worker '" + current.settings().name()
                + "' is closed; load it again");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
