package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen benchmark-ffi} of the assembled distribution, as a user runs it: the JSON document holds
 * every workload and mode, charts are real PNG and SVG files, unknown languages are usage errors.
 */
class BenchmarkFfiIT extends OneShotRuns {

    /** A cold JVM, three workloads in three modes with warm-up, on a busy 2-core machine; a hang still fails. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
    private static final List<String> WORKLOADS = List.of("add", "length", "transform");

    @Override
    Duration runTimeout() {
        return RUN_TIMEOUT;
    }

    @Test
    void jsonHoldsEveryWorkloadThroughTheBridgeAndInJava() throws Exception {
        ProcessRun run = ggen("benchmark-ffi", "--iterations", "200", "--warmup-time", "100ms", "--language", "javascript",
            "--format", "json");

        assertThat(run.exitCode()).as(run::describe).isZero();
        JsonObject doc = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertThat(doc.get("iterations").getAsInt()).isEqualTo(200);
        assertThat(doc.get("method").getAsString()).contains("not JMH");
        assertThat(doc.get("jvm").getAsString()).startsWith("Java 25");
        JsonArray languages = doc.getAsJsonArray("languages");
        assertThat(languages).as(run::describe).hasSize(1);
        JsonObject js = languages.get(0).getAsJsonObject();
        assertThat(js.get("language").getAsString()).isEqualTo("javascript");
        assertThat(js.get("runtime").getAsString()).as("the runtime mode measured")
            .startsWith("GraalJS " + Distribution.graalJsVersion());
        List<JsonObject> workloads = js.getAsJsonArray("workloads").asList().stream().map(JsonElement::getAsJsonObject).toList();
        assertThat(workloads).extracting(w -> w.get("workload").getAsString()).containsExactlyElementsOf(WORKLOADS);
        for (JsonObject workload : workloads) {
            assertThat(workload.get("error").isJsonNull()).as(run::describe).isTrue();
            JsonObject modes = workload.getAsJsonObject("modes");
            for (String mode : List.of("ffi", "native", "batched")) {
                JsonObject figures = modes.getAsJsonObject(mode);
                assertThat(figures).as(mode + " of " + workload).isNotNull();
                assertThat(figures.get("median_ns").getAsDouble()).isPositive();
                assertThat(figures.get("p99_ns").getAsDouble()).isGreaterThanOrEqualTo(figures.get("median_ns").getAsDouble());
            }
            assertThat(modes.getAsJsonObject("ffi").get("samples").getAsInt()).isEqualTo(200);
            assertThat(workload.get("ffi_native_ratio").getAsDouble()).isPositive();
        }
        assertThat(run.stderr()).as("progress, one line per workload when stderr is not a terminal")
            .contains("benchmark-ffi: javascript add done", "benchmark-ffi: javascript transform done");
        System.out.printf("benchmark-ffi --iterations 200 --language javascript --format json: %d ms wall clock%n",
            run.elapsed().toMillis());
    }

    @Test
    void chartsAreRealSvgAndPngFiles() throws Exception {
        ProcessRun svg = ggen("benchmark-ffi", "--iterations", "200", "--warmup-time", "100ms", "--language", "js",
            "--chart", "out.svg");
        assertThat(svg.exitCode()).as(svg::describe).isZero();
        assertThat(svg.stdout()).as(svg::describe).contains("javascript  transform").contains("chart: out.svg");
        String text = Files.readString(workDir.resolve("out.svg")).strip();
        assertThat(text.lines().skip(1).findFirst()).as("the root element")
            .hasValueSatisfying(root -> assertThat(root).startsWith("<svg xmlns='http://www.w3.org/2000/svg'"));
        assertThat(text.endsWith("</svg>")).as("the document is complete").isTrue();
        assertThat(text.contains(">javascript transform<")).as("a bar group per workload").isTrue();

        ProcessRun png = ggen("benchmark-ffi", "--iterations", "200", "--warmup-time", "100ms", "--language", "js",
            "--chart", "out.png");
        assertThat(png.exitCode()).as(png::describe).isZero();
        byte[] bytes = Files.readAllBytes(workDir.resolve("out.png"));
        assertThat(Arrays.copyOf(bytes, 8)).as("the PNG signature")
            .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(bytes.length).isGreaterThan(10_000);
    }

    @Test
    void anUnknownLanguageExitsWithTwoAndListsTheInstalledOnes() throws Exception {
        ProcessRun run = ggen("benchmark-ffi", "--language", "cobol");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
        assertThat(run.stdout()).as(run::describe).isEmpty();
        assertThat(run.stderr()).as(run::describe)
            .contains("error: no bridge is installed for 'cobol'; installed: ").contains("javascript (js)");
    }

    /** C through the Panama bridge, from the distribution's own lib/native/libggen_benchmark.so, run from another folder. */
    @Test
    void cRunsAddAndLengthFromTheDistributionsLibraryAndSaysWhyNotTransform() throws Exception {
        ProcessRun run = ggen("benchmark-ffi", "--iterations", "200", "--warmup-time", "100ms", "--language", "c",
            "--format", "json");

        assertThat(run.exitCode()).as(run::describe).isZero();
        JsonObject doc = JsonParser.parseString(run.stdout()).getAsJsonObject();
        JsonObject c = doc.getAsJsonArray("languages").get(0).getAsJsonObject();
        assertThat(c.get("bridge").getAsString()).isEqualTo("panama");
        List<JsonObject> workloads = c.getAsJsonArray("workloads").asList().stream().map(JsonElement::getAsJsonObject).toList();
        assertThat(workloads).extracting(w -> w.get("workload").getAsString()).containsExactly("add", "length");
        for (JsonObject workload : workloads) {
            assertThat(workload.get("error").isJsonNull()).as(run::describe).isTrue();
            assertThat(workload.getAsJsonObject("modes").getAsJsonObject("ffi").get("median_ns").getAsDouble()).isPositive();
        }
        JsonObject skipped = doc.getAsJsonArray("skipped").get(0).getAsJsonObject();
        assertThat(skipped.get("workload").getAsString()).isEqualTo("transform");
        assertThat(skipped.get("reason").getAsString()).contains("C functions take no maps");
    }

    /** The RPC bridge's Go, CPython and Node workers in lib/workers, on the distribution's own SDKs (CI installs Go). */
    @Test
    void goCpythonAndNodeWorkersRunEveryWorkload() throws Exception {
        ProcessRun run = ggen("benchmark-ffi", "--iterations", "100", "--warmup-time", "100ms", "--language", "rpc",
            "--format", "json");

        assertThat(run.exitCode()).as(run::describe).isZero();
        List<JsonObject> languages = JsonParser.parseString(run.stdout()).getAsJsonObject().getAsJsonArray("languages")
            .asList().stream().map(JsonElement::getAsJsonObject).toList();
        assertThat(languages).as(run::describe).extracting(l -> l.get("language").getAsString())
            .containsExactly("go", "cpython", "node");
        for (JsonObject language : languages) {
            List<JsonObject> workloads = language.getAsJsonArray("workloads").asList().stream()
                .map(JsonElement::getAsJsonObject).toList();
            assertThat(workloads).extracting(w -> w.get("workload").getAsString()).containsExactlyElementsOf(WORKLOADS);
            for (JsonObject workload : workloads) {
                assertThat(workload.get("error").isJsonNull()).as(run::describe).isTrue();
                JsonObject modes = workload.getAsJsonObject("modes");
                assertThat(modes.getAsJsonObject("batched").get("median_ns").getAsDouble()).as("per item, batched")
                    .isLessThan(modes.getAsJsonObject("ffi").get("median_ns").getAsDouble());
            }
        }
    }

    /** Reference command 4, literally. */
    @Test
    void referenceCommandFourMeasuresPython() throws Exception {
        ProcessRun run = ggen("benchmark-ffi", "--iterations", "1000", "--language", "python");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("python: bridge graalpy")
            .containsPattern("(?m)^python +add ").containsPattern("(?m)^python +length ")
            .containsPattern("(?m)^python +transform ");
    }
}
