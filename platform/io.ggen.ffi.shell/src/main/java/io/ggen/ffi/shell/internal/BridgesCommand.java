package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ggen bridges}: the bridges present, with their language, name, bundle and state. */
@Command(name = "bridges", mixinStandardHelpOptions = true,
    description = "Lists the language bridges present: language, aliases, name, ranking, bundle, version, state,"
        + " capabilities, runtime.")
final class BridgesCommand implements Callable<Integer> {

    static final List<String> HEADER =
        List.of("LANGUAGE", "ALIASES", "NAME", "RANKING", "BUNDLE", "VERSION", "STATE", "CAPABILITIES", "RUNTIME");

    private final ForeignRuntime runtime;
    private final Function<String, String> bundleState;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", description = "Wait up to this many seconds for at least one bridge (default: ${DEFAULT-VALUE}).")
    int waitSeconds = 2;

    BridgesCommand(ForeignRuntime runtime, Function<String, String> bundleState) {
        this.runtime = runtime;
        this.bundleState = bundleState;
    }

    @Override
    public Integer call() throws InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        List<BridgeInfo> bridges = runtime.bridges();
        while (bridges.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            bridges = runtime.bridges();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (bridges.isEmpty()) {
            out.println("no bridges are present: put bridge bundles (io.ggen.ffi.bridge.*.jar) in deploy/");
            out.flush();
            return ExitCodes.OK;
        }
        TextTable.print(out, HEADER, rows(bridges, bundleState));
        return ExitCodes.OK;
    }

    /** One row per bridge; {@code state} gives the state of the bundle that provides it. */
    static List<List<String>> rows(List<BridgeInfo> bridges, Function<String, String> state) {
        List<List<String>> rows = new ArrayList<>();
        for (BridgeInfo b : bridges) {
            rows.add(List.of(b.language(), String.join(",", b.aliases()), b.name(), Integer.toString(b.ranking()),
                b.bundle(), b.version(), state.apply(b.bundle()), b.capabilities().toString(), b.description()));
        }
        return rows;
    }
}
