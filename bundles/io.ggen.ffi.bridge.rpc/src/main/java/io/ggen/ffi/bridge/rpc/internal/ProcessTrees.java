package io.ggen.ffi.bridge.rpc.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and everything it started, so that nothing outlives a worker. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /** The process and its descendants now (take it before the process exits: orphans are not found later). */
    static List<ProcessHandle> snapshot(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process);
        process.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * Asks every process of the tree to end (SIGTERM), waits up to {@code grace} for all of them,
     * then kills the rest (SIGKILL) and waits for them to go.
     */
    static void kill(List<ProcessHandle> tree, Duration grace) {
        List<ProcessHandle> alive = new ArrayList<>(tree);
        alive.removeIf(p -> !p.isAlive());
        if (alive.isEmpty()) {
            return;
        }
        // descendants the tree's processes started since the snapshot
        for (ProcessHandle p : List.copyOf(alive)) {
            p.descendants().filter(d -> !alive.contains(d)).forEach(alive::add);
        }
        alive.forEach(ProcessHandle::destroy);
        if (!awaitExit(alive, grace)) {
            for (ProcessHandle p : alive) {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
            awaitExit(alive, Duration.ofSeconds(5));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration wait) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
