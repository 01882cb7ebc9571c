package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.ProcessPools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker pool of two processes and an isolate without one; a restart gives the pool's processes
 * new pids, and a pool can be made to stop before its restart.
 */
final class FakePools implements ProcessPools {

    static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    final List<String> restarted = new ArrayList<>();
    volatile boolean stopsBeforeRestart;
    private volatile List<PoolProcess> workers = List.of(new PoolProcess(4242, STARTED, 17, 1, 0),
        new PoolProcess(4243, STARTED.plusSeconds(125), 3, 0, 2));

    @Override
    public List<Pool> pools() {
        return List.of(new Pool("isolate-1", "isolate", "<code: function add(a, b) {...}> (graaljs)", 1, 1, List.of()),
            new Pool("w1", "worker", "python3 math_worker.py <&>", 2, 3, workers));
    }

    @Override
    public boolean restart(String id) {
        if (stopsBeforeRestart || pools().stream().noneMatch(p -> p.id().equals(id))) {
            return false;
        }
        restarted.add(id);
        if (id.equals("w1")) {
            workers = List.of(new PoolProcess(5000, STARTED.plusSeconds(600), 0, 0, 1));
        }
        return true;
    }
}
