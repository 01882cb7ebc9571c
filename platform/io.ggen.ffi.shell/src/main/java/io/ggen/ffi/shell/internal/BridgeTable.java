package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned text table. */
final class BridgeTable {

    private BridgeTable() {
    }

    /** One row per bridge; {@code state} gives the state of the bundle that provides it. */
    static List<List<String>> rows(List<BridgeInfo> bridges, java.util.function.Function<String, String> state) {
        List<List<String>> rows = new ArrayList<>();
        for (BridgeInfo b : bridges) {
            rows.add(List.of(b.language(), String.join(",", b.aliases()), b.name(), Integer.toString(b.ranking()),
                b.bundle(), b.version(), state.apply(b.bundle()), b.capabilities().toString(), b.description()));
        }
        return rows;
    }

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, header, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
