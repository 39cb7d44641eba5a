package dev.forge.executor.gpu.codegen;

import dev.forge.executor.gpu.pipeline.Pipeline;
import java.util.List;

/**
 * The CUDA source of one pipeline, its parameters in signature order and the layout of what it writes. The source
 * holds no literal value, so it is also the kernel cache key: the same plan shape with other constants compiles once.
 *
 * @param keyWords group-key words per group (a NULL-mask word included), 0 without keys
 * @param aggregateWords words per group or per block partial: for groups, the state word, the keys, then the aggregates
 */
public record GeneratedKernel(Pipeline pipeline, String source, List<KernelParameter> parameters,
        List<AggregateSlot> aggregates, int keyWords, boolean keyNullMask, int aggregateWords,
        List<String> outputElementTypes) {

    public static final String PIPELINE_KERNEL = "forge_pipeline";
    public static final String COMPACT_GROUPS_KERNEL = "forge_compact_groups";
    public static final String HEADER = "forge_pipeline.cuh";

    public GeneratedKernel {
        parameters = List.copyOf(parameters);
        aggregates = List.copyOf(aggregates);
        outputElementTypes = List.copyOf(outputElementTypes);
    }
}
