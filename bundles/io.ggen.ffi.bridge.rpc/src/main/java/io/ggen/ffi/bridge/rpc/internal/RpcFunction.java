package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import java.util.List;

/**
 * A function of a worker program: each call goes to one worker of the pool, the one whose
 * handles it passes, else the least busy; a batch is one {@code callBatch} request.
 */
final class RpcFunction implements GuestFunction {

    private final RpcModule module;
    private final String name;

    RpcFunction(RpcModule module, String name) {
        this.module = module;
        this.name = name;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext context) {
        return session(List.of(args)).call(name, args, context);
    }

    @Override
    public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
        return session(argsList).callBatch(name, argsList, context);
    }

    /** The worker for a call: the one whose handles the arguments hold (all must be of one), else the least busy. */
    private WorkerSession session(List<List<ForeignValue>> argLists) {
        module.checkOpen();
        WorkerPool pool = module.pool();
        WorkerHandle handle = null;
        for (List<ForeignValue> args : argLists) {
            for (ForeignValue arg : args) {
                handle = sameWorker(arg, handle, pool);
            }
        }
        if (handle == null) {
            return pool.lease();
        }
        WorkerSession owner = handle.session();
        if (!owner.isUsable()) {
            throw new ForeignArgumentException(pool.label(), "the handle " + handle.id() + " is gone: worker '"
                + owner.name() + "' " + owner.failure() + " after it returned it, and its objects went with it");
        }
        if (!pool.serves(owner)) {
            throw new ForeignArgumentException(pool.label(), handle + " does not belong to worker '"
                + pool.settings().name() + "': pass it to the worker that returned it");
        }
        return owner;
    }

    private static WorkerHandle sameWorker(ForeignValue value, WorkerHandle found, WorkerPool pool) {
        return switch (value) {
            case ForeignValue.HandleValue h -> {
                if (!(h.handle() instanceof WorkerHandle w)) {
                    throw new ForeignArgumentException(pool.label(), h.handle() + " is not a worker's handle: a worker"
                        + " takes only the handles it returned");
                }
                if (w.isReleased()) {
                    throw new ForeignArgumentException(pool.label(), "the handle " + w.id() + " was released");
                }
                if (found != null && found.session() != w.session()) {
                    throw new ForeignArgumentException(pool.label(), "the arguments hold handles of two worker"
                        + " processes (" + found + ", " + w + "): one call goes to one process");
                }
                yield w;
            }
            case ForeignValue.ListValue l -> {
                WorkerHandle result = found;
                for (ForeignValue v : l.values()) {
                    result = sameWorker(v, result, pool);
                }
                yield result;
            }
            case ForeignValue.MapValue m -> {
                WorkerHandle result = found;
                for (var entry : m.entries().entrySet()) {
                    result = sameWorker(entry.getKey(), result, pool);
                    result = sameWorker(entry.getValue(), result, pool);
                }
                yield result;
            }
            default -> found;
        };
    }
}
