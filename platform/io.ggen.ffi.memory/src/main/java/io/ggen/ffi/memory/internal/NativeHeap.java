package io.ggen.ffi.memory.internal;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The native memory of all bundles: one {@link OwnerLedger} per bundle that holds a {@code
 * NativeMemory}, the {@link Cleaner} that finds leaked blocks, and the latest leak reports.
 *
 * <p>A new configuration applies to blocks allocated from then on ({@code @Modified}): restarting
 * the heap would free memory that bundles are using.
 */
@Component(service = {NativeMemoryMonitor.class, NativeHeap.class}, immediate = true, configurationPid = NativeHeap.PID)
@Designate(ocd = NativeHeap.Configuration.class)
public final class NativeHeap implements NativeMemoryMonitor {

    static final String PID = "io.ggen.ffi.memory";

    @ObjectClassDefinition(name = "GGen FFI native memory",
        description = "Leak detection for native memory that bundles allocate through NativeMemory.")
    @interface Configuration {
        @AttributeDefinition(name = "Leak detection",
            description = "DISABLED: no leak detection (memory is still freed when its bundle stops); SIMPLE: leaks "
                + "are reported; ADVANCED: and the allocation site of one block in sampling.interval; PARANOID: "
                + "and the allocation site of every block.")
        LeakDetection leak_detection() default LeakDetection.SIMPLE;

        @AttributeDefinition(name = "Sampling interval", min = "1",
            description = "At ADVANCED, the allocation site of one block in this many is recorded.")
        int sampling_interval() default 64;

        @AttributeDefinition(name = "Maximum leak reports", min = "0",
            description = "How many of the latest leak reports are kept.")
        int max_leak_reports() default 100;
    }

    /** The settings in force; replaced whole by {@link #modified}. */
    private record Settings(LeakDetection level, int samplingInterval, int maxLeakReports) {
        Settings {
            if (samplingInterval < 1) {
                throw new IllegalArgumentException(PID + ": sampling.interval must be 1 or more, not " + samplingInterval);
            }
            if (maxLeakReports < 0) {
                throw new IllegalArgumentException(PID + ": max.leak.reports must be 0 or more, not " + maxLeakReports);
            }
        }
    }

    private final Logger logger;
    private final Clock clock;
    private final Cleaner cleaner = Cleaner.create(task -> {
        Thread thread = new Thread(task, "ggen-ffi-memory-cleaner");
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        return thread;
    });
    private final Set<OwnerLedger> ledgers = ConcurrentHashMap.newKeySet();
    private final Deque<LeakReport> leaks = new ArrayDeque<>();
    private final AtomicLong allocations = new AtomicLong();
    private volatile Settings settings;

    @Activate
    public NativeHeap(Configuration configuration, @Reference(service = LoggerFactory.class) Logger logger) {
        this(configuration.leak_detection(), configuration.sampling_interval(), configuration.max_leak_reports(),
            logger, Clock.systemUTC());
    }

    NativeHeap(LeakDetection level, int samplingInterval, int maxLeakReports, Logger logger, Clock clock) {
        this.settings = new Settings(level, samplingInterval, maxLeakReports);
        this.logger = logger;
        this.clock = clock;
    }

    @Modified
    void modified(Configuration configuration) {
        settings = new Settings(configuration.leak_detection(), configuration.sampling_interval(),
            configuration.max_leak_reports());
        logger.debug("Native memory leak detection now {}", settings);
    }

    /** Frees what every bundle still holds: nothing native outlives this bundle. */
    @Deactivate
    void deactivate() {
        for (OwnerLedger ledger : ledgers) {
            close(ledger);
        }
    }

    /** A new ledger for a bundle that got the {@code NativeMemory} service. */
    OwnerLedger open(String owner, long bundleId) {
        OwnerLedger ledger = new OwnerLedger(owner, bundleId, this);
        ledgers.add(ledger);
        return ledger;
    }

    /** Frees the ledger's live blocks: its bundle released the service. */
    void close(OwnerLedger ledger) {
        if (!ledgers.remove(ledger)) {
            return;
        }
        OwnerLedger.Freed freed = ledger.close();
        if (freed.blocks() > 0) {
            logger.info("Bundle {} [{}] stopped holding {} native memory blocks ({} bytes): freed them",
                ledger.owner, ledger.bundleId, freed.blocks(), freed.bytes());
        } else {
            logger.debug("Bundle {} [{}] released its native memory service; no blocks were live",
                ledger.owner, ledger.bundleId);
        }
    }

    /** Starts tracking memory at {@code address} for the ledger's bundle, with the leak detection in force. */
    TrackedBlock track(OwnerLedger ledger, long address, long size, String kind, Consumer<MemorySegment> free) {
        Settings now = settings;
        Throwable site = switch (now.level) {
            case DISABLED, SIMPLE -> null;
            case ADVANCED -> allocations.getAndIncrement() % now.samplingInterval == 0 ? new Throwable() : null;
            case PARANOID -> new Throwable();
        };
        BlockState state = new BlockState(address, size, kind, free, ledger, site);
        ledger.add(state);
        TrackedBlock block = new TrackedBlock(state);
        if (now.level != LeakDetection.DISABLED) {
            state.registered(cleaner.register(block, state));
        }
        return block;
    }

    /** Records and logs a block the Cleaner freed. */
    void leaked(BlockState block) {
        LeakReport report = new LeakReport(block.ledger.owner, block.kind, block.size, clock.instant(),
            allocationSite(block.allocationSite));
        int max = settings.maxLeakReports;
        synchronized (leaks) {
            leaks.addLast(report);
            while (leaks.size() > max) {
                leaks.removeFirst();
            }
        }
        logger.warn(report.message());
    }

    void freeFailed(BlockState block, RuntimeException failure) {
        logger.error("Freeing {} bytes of native memory ({}) of bundle {} failed; it is counted as freed",
            block.size, block.kind, block.ledger.owner, failure);
    }

    /** The caller's frames: the recorded stack without the frames of this bundle's allocation path. */
    private static List<StackTraceElement> allocationSite(Throwable site) {
        if (site == null) {
            return List.of();
        }
        StackTraceElement[] frames = site.getStackTrace();
        int first = 0;
        while (first < frames.length && isAllocationPath(frames[first].getClassName())) {
            first++;
        }
        return Arrays.asList(frames).subList(first, frames.length);
    }

    private static boolean isAllocationPath(String className) {
        return className.equals(NativeHeap.class.getName()) || className.equals(BundleNativeMemory.class.getName());
    }

    @Override
    public List<MemoryUsage> usageByBundle() {
        return ledgers.stream().map(OwnerLedger::usage).sorted(Comparator.comparingLong(MemoryUsage::bundleId)).toList();
    }

    @Override
    public List<LeakReport> leaks() {
        synchronized (leaks) {
            return List.copyOf(leaks);
        }
    }

    @Override
    public LeakDetection level() {
        return settings.level;
    }
}
