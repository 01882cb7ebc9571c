package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallMetrics.FunctionStats;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ffi:metrics}: calls, errors and latency per function since start. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Shows calls, errors and mean/max latency per bridge and function since the container started.")
final class MetricsCommand implements Callable<Integer> {

    private final Supplier<CallMetrics> metrics;

    @Spec
    CommandSpec spec;

    MetricsCommand(Supplier<CallMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public Integer call() {
        CallMetrics current = metrics.get();
        if (current == null) {
            spec.commandLine().getOut().println("no metrics: the io.ggen.ffi.metrics bundle is not active");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (FunctionStats s : current.snapshot()) {
            rows.add(List.of(s.bridge(), s.module(), s.function(), Long.toString(s.calls()), Long.toString(s.errors()),
                Long.toString(s.stuck()), micros(s.meanNanos()), micros(s.maxNanos())));
        }
        TextTable.print(spec.commandLine().getOut(),
            List.of("BRIDGE", "MODULE", "FUNCTION", "CALLS", "ERRORS", "STUCK", "MEAN_US", "MAX_US"), rows);
        return ExitCodes.OK;
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000);
    }
}
