package dev.forge.bench.experiments;

import dev.forge.primitives.cpu.CpuWorkers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs experiments and gathers a {@link SuiteReport}: describes the machine, measures the ceilings, plans the sizes,
 * runs each native peer's harness (CUB, cuBLAS) once with every trial that has that peer, then each experiment
 * variant by variant, sizes ascending. Without a GPU the baselines still run and the GPU is reported absent. A trial's
 * failure (a result that differs from the baseline's, or an error) is logged at once, kept in the report and the run
 * goes on.
 */
public final class ExperimentSuite {
    private final RunSettings settings;
    private final Consumer<String> log;

    public ExperimentSuite(RunSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public SuiteReport run(List<Experiment> experiments) {
        long began = System.nanoTime();
        try (GpuResources gpu = GpuResources.openDefault(); SharedData shared = new SharedData()) {
            MachineDescription machine = MachineDescription.describe(gpu);
            log.accept("machine: " + machine.gpu() + "; " + machine.cpu() + ", " + machine.cores() + " cores; commit "
                    + machine.commit());
            Ceilings ceilings = Ceilings.absent();
            if (gpu != null) {
                log.accept("measuring the ceilings (device copy, PCIe, launch latency)");
                ceilings = Ceilings.measure(gpu);
                log.accept("device copy " + Format.bytesPerSecond(ceilings.copyBytesPerSecond()) + ", PCIe pinned "
                        + Format.bytesPerSecond(ceilings.hostToDeviceBytesPerSecond()) + " up, "
                        + Format.bytesPerSecond(ceilings.deviceToHostBytesPerSecond()) + " down");
            }
            Map<Experiment, Map<String, SizePlan>> plans = plan(experiments, gpu, machine.hostMemoryBytes());
            NativePeerResults nativePeers = measureNativePeers(plans, gpu);
            TrialContext context = new TrialContext(CpuWorkers.allCores(), gpu,
                    gpu == null ? GpuResources.absentReason() : "", shared);
            TrialRunner runner = new TrialRunner(settings, nativePeers);
            List<ExperimentOutcome> outcomes = new ArrayList<>();
            for (Experiment experiment : experiments) {
                if (experiment.notYet().isPresent()) {
                    log.accept(experiment.name() + ": not yet: " + experiment.notYet().get());
                    outcomes.add(ExperimentOutcome.notYet(experiment, experiment.notYet().get()));
                    continue;
                }
                outcomes.add(runExperiment(experiment, plans.get(experiment), runner, context, gpu));
            }
            return new SuiteReport(machine, settings, ceilings, nativePeers.status(), outcomes,
                    (System.nanoTime() - began) / 1e9);
        }
    }

    private Map<Experiment, Map<String, SizePlan>> plan(List<Experiment> experiments, GpuResources gpu,
            long hostBytes) {
        long free = gpu == null ? -1 : gpu.freeBytes();
        Map<Experiment, Map<String, SizePlan>> plans = new LinkedHashMap<>();
        for (Experiment experiment : experiments) {
            if (experiment.notYet().isPresent()) {
                continue;
            }
            Map<String, SizePlan> byVariant = new LinkedHashMap<>();
            for (String variant : experiment.variants()) {
                byVariant.put(variant, SizePlan.of(experiment, variant, settings, free, hostBytes));
            }
            plans.put(experiment, byVariant);
        }
        return plans;
    }

    private NativePeerResults measureNativePeers(Map<Experiment, Map<String, SizePlan>> plans, GpuResources gpu) {
        if (gpu == null) {
            return NativePeerResults.absent("not measured: " + GpuResources.absentReason());
        }
        Map<NativePeer, Set<String>> requests = new EnumMap<>(NativePeer.class);
        for (NativePeer peer : NativePeer.values()) {
            requests.put(peer, new LinkedHashSet<>());
        }
        plans.forEach((experiment, byVariant) -> byVariant.forEach((variant, plan) -> {
            if (experiment.nativePeer(variant) instanceof NativeCase.Measured measured) {
                plan.sizes().forEach(size -> requests.get(measured.peer()).add(measured.request(size)));
            }
        }));
        Map<NativePeer, NativePeerResults.Figures> figures = new EnumMap<>(NativePeer.class);
        requests.forEach((peer, asked) -> {
            NativePeerResults.Figures figure = peer == NativePeer.CUB && !settings.cubPeer()
                    ? NativePeerResults.Figures.absent("not measured: the run was started with --no-cub")
                    : NativePeerResults.measure(peer, gpu, asked, log);
            log.accept(peer.displayName() + ": " + figure.status());
            figures.put(peer, figure);
        });
        return new NativePeerResults(figures);
    }

    private ExperimentOutcome runExperiment(Experiment experiment, Map<String, SizePlan> plans, TrialRunner runner,
            TrialContext context, GpuResources gpu) {
        log.accept(experiment.name() + ": " + experiment.description());
        List<TrialResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String variant : experiment.variants()) {
            SizePlan plan = plans.get(variant);
            skipped.addAll(plan.skipped());
            plan.skipped().forEach(line -> log.accept("  skipped " + line));
            for (long size : plan.sizes()) {
                TrialResult result = runner.run(experiment, variant, size, context);
                results.add(result);
                log.accept((result.failed() ? "  FAILED " : "  ") + TrialRunner.summary(result));
                if (gpu != null) {
                    releaseCachedMemory(gpu);
                }
            }
        }
        return new ExperimentOutcome(experiment.name(), experiment.description(), experiment.sizeUnit(), null,
                experiment.variants(), results, skipped);
    }

    /** Gives the pool's memory back between trials; a GPU that fails here is logged, and later trials say so too. */
    private void releaseCachedMemory(GpuResources gpu) {
        try {
            gpu.releaseCachedMemory();
        } catch (RuntimeException failed) {
            log.accept("  the GPU failed while freeing a trial's memory: " + TrialRunner.describe(failed));
        }
    }
}
