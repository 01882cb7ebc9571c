package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.spi.CallObserver;
import io.ggen.ffi.api.spi.FunctionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CallObserver} services, highest ranking first, and what observes one function's calls
 * made of them: nothing, the one observer's answer, or all of theirs in order.
 */
final class Observers {

    /** What observes the calls of a function when no observer is there. */
    static final CallObserver.Calls NONE = new CallObserver.Calls() {
        @Override
        public Object begin() {
            return null;
        }

        @Override
        public void end(Object begun, RuntimeException failure) {
        }
    };

    private final Map<CallObserver, Integer> ranks = new ConcurrentHashMap<>();
    private volatile List<CallObserver> current = List.of();

    void add(CallObserver observer, int ranking) {
        ranks.put(observer, ranking);
        update();
    }

    void remove(CallObserver observer) {
        ranks.remove(observer);
        update();
    }

    private synchronized void update() {
        List<Map.Entry<CallObserver, Integer>> sorted = new ArrayList<>(ranks.entrySet());
        sorted.sort(Map.Entry.<CallObserver, Integer>comparingByValue(Comparator.reverseOrder()));
        current = sorted.stream().map(Map.Entry::getKey).toList();
    }

    /** The observers now; a new list whenever they change, so a binding can tell whether its are current. */
    List<CallObserver> current() {
        return current;
    }

    /** What observes the calls of {@code function}, asked of each of {@code observers}. */
    static CallObserver.Calls of(List<CallObserver> observers, FunctionId function) {
        return switch (observers.size()) {
            case 0 -> NONE;
            case 1 -> observers.getFirst().observe(function);
            default -> new Each(observers.stream().map(o -> o.observe(function)).toArray(CallObserver.Calls[]::new));
        };
    }

    /** Several observers: each begins in order and ends in reverse order, as nested calls would. */
    private record Each(CallObserver.Calls[] calls) implements CallObserver.Calls {

        @Override
        public Object begin() {
            Object[] begun = new Object[calls.length];
            for (int i = 0; i < calls.length; i++) {
                begun[i] = calls[i].begin();
            }
            return begun;
        }

        @Override
        public void end(Object begun, RuntimeException failure) {
            Object[] each = (Object[]) begun;
            for (int i = calls.length - 1; i >= 0; i--) {
                calls[i].end(each[i], failure);
            }
        }
    }
}
