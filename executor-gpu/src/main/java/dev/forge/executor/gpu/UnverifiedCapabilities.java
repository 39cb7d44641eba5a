package dev.forge.executor.gpu;

import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.codegen.KernelParameter;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import java.util.Map;
import java.util.Optional;

/**
 * What a GPU plan needs that was written without a GPU and has not run on one yet: multi-stage plans (aggregates below
 * the root, scalar sub-queries, unions), RIGHT joins (swapped), string functions over dictionaries, SINGLE_VALUE,
 * 128-bit decimal columns, and a host that sorts or cuts materialised rows. Engine.AUTO leaves such plans to the CPU
 * until a GPU run has verified them, unless {@code -Dforge.gpu.unverified=true} or {@code FORGE_GPU_UNVERIFIED=true}
 * (set by the tests that verify them); Engine.GPU runs them when asked. Remove a capability from here once
 * {@code GpuStagesAgainstCpuTest} and {@code GpuCorpusTest} have passed with it on a GPU.
 */
final class UnverifiedCapabilities {
    private UnverifiedCapabilities() {
    }

    /** Whether AUTO may take unverified capabilities (the tests that verify them say so). */
    static boolean allowed() {
        return Boolean.parseBoolean(System.getProperty("forge.gpu.unverified",
                System.getenv().getOrDefault("FORGE_GPU_UNVERIFIED", "false")));
    }

    /** The first unverified capability {@code gpuPlan} (planned from {@code plan}) needs, or empty. */
    static Optional<String> of(PlanNode plan, GpuPlan gpuPlan) {
        return of(plan, gpuPlan, GpuExecutor.kernels(gpuPlan));
    }

    /** As {@link #of(PlanNode, GpuPlan)}, with the stages' kernels already generated. */
    static Optional<String> of(PlanNode plan, GpuPlan gpuPlan, Map<Stage, GeneratedKernel> kernels) {
        if (gpuPlan.stages().size() > 1) {
            return Optional.of("a plan of " + gpuPlan.stages().size() + " stages (multi-stage plans have not run on a"
                    + " GPU yet)");
        }
        if (hasRightJoin(plan)) {
            return Optional.of("a RIGHT join, run as a swapped LEFT join (not yet run on a GPU)");
        }
        Stage stage = gpuPlan.result();
        if (stage.hostPlan() != null && stage.pipeline().sink() instanceof PipelineSink.Materialization) {
            return Optional.of("the host sorting or cutting materialised rows (not yet run on a GPU)");
        }
        return unverifiedIn(kernels.get(stage));
    }

    private static Optional<String> unverifiedIn(GeneratedKernel kernel) {
        for (KernelParameter parameter : kernel.parameters()) {
            if (parameter instanceof KernelParameter.DictionaryMapping) {
                return Optional.of("a string function over a dictionary (not yet run on a GPU)");
            }
            if (parameter instanceof KernelParameter.ColumnValues values && values.elementType().equals("u64")) {
                return Optional.of("a DECIMAL(p > 18) column (not yet read on a GPU)");
            }
        }
        if (kernel.aggregates().stream().anyMatch(slot -> slot.input().function() == AggregateFunction.SINGLE_VALUE)) {
            return Optional.of("SINGLE_VALUE (not yet run on a GPU)");
        }
        for (GeneratedKernel build : kernel.builds()) {
            Optional<String> inBuild = unverifiedIn(build);
            if (inBuild.isPresent()) {
                return inBuild;
            }
        }
        return Optional.empty();
    }

    private static boolean hasRightJoin(PlanNode node) {
        if (node instanceof HashJoin join && join.kind() == JoinKind.RIGHT) {
            return true;
        }
        return node.inputs().stream().anyMatch(UnverifiedCapabilities::hasRightJoin);
    }
}
