package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Contender;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialMemory;
import java.lang.foreign.MemorySegment;

/**
 * What every trial of a primitive shares: its memory (freed on close), the CPU twin as the baseline, and the GPU
 * steps, which a subclass sets up where there is a GPU (else the contender is absent, for the run's reason).
 */
abstract class PrimitiveTrial implements Trial {
    protected final TrialContext context;
    protected final TrialMemory memory;
    /** Null until the subclass assembles it; stays null without a GPU. */
    protected GpuSteps gpu;

    PrimitiveTrial(TrialContext context) {
        this.context = context;
        this.memory = new TrialMemory(context.gpu());
    }

    @Override
    public String baselineName() {
        return context.cpuTwinName();
    }

    @Override
    public Contender contender() {
        return gpu != null ? gpu : new Contender.Absent(context.gpuAbsentReason());
    }

    /** {@link SeededData#checksum} of an input, on all cores. */
    protected long checksum(MemorySegment values, int elementBytes) {
        return SeededData.checksum(context.workers(), values, elementBytes);
    }

    @Override
    public void close() {
        memory.close();
    }
}
