package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ProcessPools;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link ProcessPools} of this bundle: the worker pools of the RPC bridge (kind {@code worker}) and
 * the isolates of the process isolator (kind {@code isolate}), found as {@link PoolOwner} services.
 *
 * <p>A pool's id is {@code worker-N} or {@code isolate-N}, given when the pool is made. Its label
 * is, for a worker, the command line or {@code tcp://HOST:PORT} address (for a configured pool:
 * {@code NAME: COMMAND LINE}); for an isolate, {@code isolate of BRIDGE for MODULE}.
 */
@Component(service = ProcessPools.class)
public final class RpcProcessPools implements ProcessPools {

    private final List<PoolOwner> owners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void addOwner(PoolOwner owner) {
        owners.add(owner);
    }

    void removeOwner(PoolOwner owner) {
        owners.remove(owner);
    }

    @Override
    public List<Pool> pools() {
        return owned()
            .map(owned -> new Pool(owned.pool().id(), owned.pool().kind(), label(owned.pool().settings()),
                owned.pool().settings().poolSize(), owned.modules(), owned.pool().status()))
            .sorted(Comparator.comparing(Pool::kind).thenComparing(Pool::label).thenComparing(Pool::id))
            .toList();
    }

    @Override
    public boolean restart(String id) {
        Optional<WorkerPool> pool = owned().map(PoolOwner.OwnedPool::pool).filter(p -> p.id().equals(id)).findFirst();
        pool.ifPresent(WorkerPool::restart);
        return pool.isPresent();
    }

    private Stream<PoolOwner.OwnedPool> owned() {
        return owners.stream().flatMap(owner -> owner.ownedPools().stream());
    }

    static String label(WorkerSettings settings) {
        if (settings.isolate() != null || settings.namedByTarget()) {
            return settings.name();
        }
        return settings.name() + ": " + settings.describeTarget();
    }
}
