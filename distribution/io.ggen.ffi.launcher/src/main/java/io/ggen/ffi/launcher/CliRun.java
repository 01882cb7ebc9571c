package io.ggen.ffi.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Every command but {@code start}: boots the start-level-1 boot folders and the jars of deploy/ in a
 * throw-away framework, hands the arguments to the command-line service and exits with its code.
 *
 * <p>The command-line service is a {@code java.util.function.Function<String[], Integer>} registered with
 * the property {@code ggen.cli=main} (by the shell bundle). It prints to System.out and System.err itself
 * and returns the exit code.
 */
final class CliRun {

    /** The command-line service's {@code ggen.cli} property: the shell bundle's command line. */
    static final String MAIN = "main";

    /** Framework property: how long to wait for the command-line service, in seconds. */
    static final String WAIT_PROPERTY = "ggen.cli.wait";

    private final GgenHome home;
    private final String service;
    private final List<String> bundles;
    private final AtomicBoolean finished = new AtomicBoolean();
    private FelixContainer container;
    private Path storage;

    private CliRun(GgenHome home, String service, List<String> bundles) {
        this.home = home;
        this.service = service;
        this.bundles = bundles;
    }

    /** Runs a command of the shell's command line with the bundles of deploy/. */
    static int run(GgenHome home, String[] args) throws LauncherException {
        return run(home, MAIN, null, args);
    }

    /**
     * Runs the command-line service {@code (ggen.cli=service)}.
     *
     * @param bundles the bundles to install besides boot/1-core, by location; null: the jars of deploy/
     */
    static int run(GgenHome home, String service, List<String> bundles, String[] args) throws LauncherException {
        CliRun run = new CliRun(home, service, bundles);
        Thread hook = new Thread(run::finish, "ggen-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.execute(args);
        } finally {
            run.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down (Ctrl-C): the hook does the same work
            }
        }
    }

    private int execute(String[] args) throws LauncherException {
        Map<String, String> properties = new HashMap<>(home.frameworkProperties());
        try {
            storage = Files.createTempDirectory("ggen-cli-");
        } catch (IOException e) {
            throw new LauncherException(1, "ggen: cannot create a temporary folder for the framework: " + e.getMessage(), e);
        }
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        Duration wait = waitFor(properties.getOrDefault(WAIT_PROPERTY, "30"));

        Trace.phase("launcher started");
        container = new FelixContainer(properties, home);
        container.init();
        Trace.phase("framework initialised");
        for (BootFolder folder : bootFolders()) {
            if (folder.startLevel() == 1) {
                container.install(folder);
            }
        }
        container.start();
        Trace.phase("boot/1-core started");
        DeployConfigurations.apply(container.context(), home.deployDir());
        if (bundles != null) {
            bundles.forEach(container::installAndStart);
        } else {
            try {
                for (Path jar : BootFolder.jarsIn(home.deployDir())) {
                    container.installAndStart(jar);
                }
            } catch (IOException e) {
                System.err.println("ggen: warning: cannot list " + home.deployDir() + ": " + e.getMessage());
            }
        }

        Trace.phase("deploy/ started");
        Function<Object, Object> command = awaitCommandService(wait);
        Trace.phase("waited for the command-line service");
        if (command == null) {
            System.err.println("ggen: the command line did not start: no service " + filter() + " within "
                    + wait.toSeconds() + " s (the io.ggen.ffi.shell bundle registers it).");
            List<String> inactive = container.inactiveBundles();
            if (inactive.isEmpty()) {
                System.err.println("ggen: every bundle is active; is io.ggen.ffi.shell in boot/1-core?");
            } else {
                System.err.println("ggen: bundles that are not active:");
                inactive.forEach(line -> System.err.println("  " + line));
            }
            return 1;
        }
        try {
            Object code = command.apply(args);
            Trace.phase("command done");
            return code instanceof Integer exitCode ? exitCode : 0;
        } catch (RuntimeException e) {
            System.err.print("ggen: the command failed unexpectedly: ");
            e.printStackTrace();
            return 1;
        } finally {
            System.out.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private Function<Object, Object> awaitCommandService(Duration wait) throws LauncherException {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(filter());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(container.context(), filter, null);
        tracker.open();
        try {
            // waitForService(0) would wait forever; a wait of 0 means "only if it is already there".
            return (Function<Object, Object>) (wait.isZero() ? tracker.getService() : tracker.waitForService(wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException(130, "ggen: interrupted");
        }
    }

    private String filter() {
        return "(&(" + Constants.OBJECTCLASS + "=" + Function.class.getName() + ")(ggen.cli=" + service + "))";
    }

    private static Duration waitFor(String seconds) throws LauncherException {
        try {
            long value = Long.parseLong(seconds.trim());
            if (value >= 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(2, "ggen: " + WAIT_PROPERTY + " is '" + seconds + "', not a number of seconds");
    }

    private List<BootFolder> bootFolders() throws LauncherException {
        try {
            return BootFolder.list(home.bootDir());
        } catch (IOException e) {
            throw new LauncherException(2, "ggen: " + e.getMessage(), e);
        }
    }

    /** Stops the framework and deletes its storage; once, from the main thread or the shutdown hook. */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (container != null) {
            container.stop(Duration.ofSeconds(10));
            Trace.phase("framework stopped");
        }
        if (storage != null) {
            deleteTree(storage);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("ggen: warning: cannot delete " + root + ": " + e.getMessage());
        }
    }
}
