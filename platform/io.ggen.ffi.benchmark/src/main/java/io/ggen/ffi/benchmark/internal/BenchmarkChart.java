package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.benchmark.internal.BenchmarkReport.LanguageRun;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.Mode;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.WorkloadResult;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The bar chart of a benchmark run, with JFreeChart (and JFreeSVG for SVG): median ns per call of
 * every workload and language, one bar per mode (FFI, native Java, batched per item, cached).
 * Both libraries are embedded in this bundle (see bnd.bnd); they draw with java.awt, headless.
 */
final class BenchmarkChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    private static final Color[] COLORS = {
        new Color(0xD6, 0x5F, 0x00), new Color(0x00, 0x72, 0xB2), new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7)};

    private BenchmarkChart() {
    }

    /** Whether {@code file}'s name asks for a format this class writes: {@code .png} or {@code .svg}. */
    static boolean supports(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".svg");
    }

    /** Writes the chart of {@code report} to {@code file}, PNG or SVG by its extension. */
    static void write(BenchmarkReport report, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            // A command-line run or a container: never reach for a display, even if DISPLAY is set.
            System.setProperty("java.awt.headless", "true");
        }
        JFreeChart chart = chart(report);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
        } else {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        }
    }

    static JFreeChart chart(BenchmarkReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LanguageRun run : report.runs()) {
            for (WorkloadResult w : run.workloads()) {
                String category = run.language() + " " + w.workload();
                for (Mode mode : Mode.values()) {
                    BenchmarkStats stats = w.modes().get(mode);
                    if (stats != null) {
                        data.addValue(stats.median(), label(mode), category);
                    }
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("ggen benchmark-ffi: FFI vs native Java", "workload",
            null, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        for (LanguageRun run : report.runs()) {
            chart.addSubtitle(new TextTitle(run.language() + ": " + run.runtime()));
        }
        chart.addSubtitle(new TextTitle(report.jvm() + "; " + report.settings().iterations() + " calls per figure after warm-up"));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        // FFI and native figures lie orders of magnitude apart: a log scale shows both; bars start at 1 ns.
        LogAxis axis = new LogAxis("median ns per call, log scale (lower is better)");
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setRangeAxis(axis);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBase(1);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
        }
        return chart;
    }

    private static String label(Mode mode) {
        return switch (mode) {
            case FFI -> "FFI (unbatched)";
            case NATIVE -> "native Java";
            case BATCHED -> "FFI batched, per item";
            case CACHED -> "FFI cached (cache.pure)";
        };
    }
}
