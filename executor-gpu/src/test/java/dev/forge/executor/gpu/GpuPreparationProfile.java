package dev.forge.executor.gpu;

import dev.forge.cuda.compile.KernelSource;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.bench.PhaseTimings;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.run.PipelineRunner;
import dev.forge.plan.PlanNode;
import dev.forge.sql.BenchmarkQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GPU executor's host-side preparation of a plan, which needs no device: stage planning ({@code GpuPlan.of}), code
 * generation ({@code GpuExecutor.kernels}), the description, all of it
 * together ({@code PreparedPlan.of}), and what each execution hashes to find its modules in the kernel compiler (the
 * compilation unit of every pipeline it launches, join builds included, and a SHA-256 over it as
 * {@code KernelCompiler.load} did before it kept keys by source, and the lookup it does now); then the engine's path
 * with the prepared-plan cache, whose warm hits are a lookup.
 * Medians in microseconds per SSB and a few TPC-H queries at a tiny scale factor, as Markdown. Run with the test class
 * path of this module: {@code GpuPreparationProfile --runs 50 --warmups 50 [--out FOLDER]}.
 */
public final class GpuPreparationProfile {
    private static final int LOOKUPS = 100;

    private GpuPreparationProfile() {
    }

    public static void main(String[] arguments) throws Exception {
        int runs = 50;
        int warmups = 50;
        Path out = null;
        for (int i = 0; i < arguments.length; i += 2) {
            switch (arguments[i]) {
                case "--runs" -> runs = Integer.parseInt(arguments[i + 1]);
                case "--warmups" -> warmups = Integer.parseInt(arguments[i + 1]);
                case "--out" -> out = Path.of(arguments[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; options: --runs N --warmups N --out FOLDER");
            }
        }
        String header = GpuExecutor.header();
        PhaseTimings timings = new PhaseTimings();
        List<BenchmarkQueries.Query> queries = new ArrayList<>(BenchmarkQueries.ssb());
        for (int number : List.of(1, 3, 5, 6, 10, 18)) {
            queries.add(BenchmarkQueries.tpch(number));
        }
        for (BenchmarkQueries.Query query : queries) {
            Forge forge = Forge.of(Datasets.tables(Dataset.of(query.benchmark(), 0.01)));
            PlanNode plan = new CalciteQueryPlanner(forge.catalog()).plan(query.sql()).plan();
            PreparedPlans cache = new PreparedPlans(GpuQueryExecutor.PREPARED_PLANS);
            Map<KernelSource, String> moduleKeys = new ConcurrentHashMap<>();
            for (int run = -warmups; run < runs; run++) {
                long start = System.nanoTime();
                GpuPlan gpuPlan = GpuPlan.of(plan);
                long staged = System.nanoTime();
                Map<?, GeneratedKernel> kernels = GpuExecutor.kernels(gpuPlan);
                long generated = System.nanoTime();
                String description = gpuPlan.describe();
                long described = System.nanoTime();
                GpuExecutor.PreparedPlan.of(plan);
                long prepared = System.nanoTime();
                int hashed = 0;
                for (GeneratedKernel kernel : kernels.values()) {
                    hashed += moduleKeys(kernel, header);
                }
                long keyed = System.nanoTime();
                // the lookups take about a microsecond: time a hundred of each, so the clock's resolution is no matter
                for (int repeat = 0; repeat < LOOKUPS; repeat++) {
                    for (GeneratedKernel kernel : kernels.values()) {
                        hashed += memoisedModuleKeys(kernel, header, moduleKeys);
                    }
                }
                long keyedAgain = System.nanoTime();
                for (int repeat = 0; repeat < LOOKUPS; repeat++) {
                    cache.prepare(plan);
                }
                long looked = System.nanoTime();
                if (run >= 0) {
                    timings.add(query.id(), "stage planning", staged - start);
                    timings.add(query.id(), "code generation", generated - staged);
                    timings.add(query.id(), "describe", described - generated);
                    timings.add(query.id(), "PreparedPlan.of", prepared - described);
                    timings.add(query.id(), "module keys hashed per run (before)", keyed - prepared);
                    timings.add(query.id(), "module keys looked up per run (now)", (keyedAgain - keyed) / LOOKUPS);
                    timings.add(query.id(), "prepared-plan cache", (looked - keyedAgain) / LOOKUPS);
                }
                if (description.isEmpty() || hashed == 0) {
                    throw new IllegalStateException("nothing prepared for " + query.id());
                }
            }
            System.err.printf(Locale.ROOT, "%s: prepare %.0f us%n", query.id(),
                    timings.medianMicros(query.id(), "PreparedPlan.of"));
        }
        String report = String.format(Locale.ROOT, "GPU preparation on the host, SF 0.01 plans, median of %d runs after"
                + " %d warm-ups, %d cores, Java %s (microseconds)%n%n%s", runs, warmups,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), timings.markdown());
        System.out.println(report);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("gpu-preparation.md"), report);
        }
    }

    /** What one execution hashed to find {@code kernel}'s modules (its join builds' too); returns how many. */
    private static int moduleKeys(GeneratedKernel kernel, String header) {
        int count = 0;
        for (GeneratedKernel build : kernel.builds()) {
            count += moduleKeys(build, header);
        }
        moduleKey(PipelineRunner.kernelSource(kernel, header));
        return count + 1;
    }

    /**
     * What one execution does now: the kernel compiler finds a generated source's module key by the source's equality
     * (as {@code KernelCompiler.load} does), hashing only a source it has not seen.
     */
    private static int memoisedModuleKeys(GeneratedKernel kernel, String header, Map<KernelSource, String> keys) {
        int count = 0;
        for (GeneratedKernel build : kernel.builds()) {
            count += memoisedModuleKeys(build, header, keys);
        }
        keys.computeIfAbsent(PipelineRunner.kernelSource(kernel, header), GpuPreparationProfile::moduleKey);
        return count + 1;
    }

    /** As KernelCompiler's module key: a SHA-256 over the source, its headers and options. */
    private static String moduleKey(KernelSource source) {
        StringBuilder identity = new StringBuilder(source.name()).append('\0').append(source.code()).append('\0');
        source.headers().forEach((name, text) -> identity.append(name).append('\0').append(text).append('\0'));
        identity.append(String.join("\u0001", source.options()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    identity.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
