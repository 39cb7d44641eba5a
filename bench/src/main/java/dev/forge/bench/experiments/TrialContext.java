package dev.forge.bench.experiments;

import dev.forge.primitives.cpu.CpuWorkers;

/**
 * What an experiment needs to prepare a trial: the CPU workers (all host cores), the GPU (null when absent, with the
 * reason), and data shared between trials of the run.
 */
public record TrialContext(CpuWorkers workers, GpuResources gpu, String gpuAbsentReason, SharedData shared) {

    public boolean hasGpu() {
        return gpu != null;
    }

    /** "CPU twin, 16 threads": how reports name the CPU baseline of the primitive experiments. */
    public String cpuTwinName() {
        return "CPU twin, " + workers.parallelism() + " threads";
    }
}
