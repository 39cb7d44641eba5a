package dev.forge.executor.gpu.codegen;

import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import java.util.List;

/**
 * The CUDA source of one pipeline, its parameters in signature order and the layout of what it writes. The source
 * holds no literal value, so it is also the kernel cache key: the same plan shape with other constants compiles once.
 *
 * @param keyWords group-key words per group (a NULL-mask word included), 0 without keys
 * @param aggregateWords words per group or per block partial: for groups, the state word, the keys, then the aggregates
 * @param builds per join of the pipeline, the kernel materialising its build rows (run first; its module is its own,
 *     while the kernel {@link #joinBuildKernel} that hashes those rows is in this source)
 * @param compactionParameters the parameters of {@link #COMPACT_SELECTED_GROUPS_KERNEL} after its fixed ones (the
 *     literals of a HAVING condition); empty where the groups are compacted by {@link #COMPACT_GROUPS_KERNEL}
 */
public record GeneratedKernel(Pipeline pipeline, String source, List<KernelParameter> parameters,
        List<AggregateSlot> aggregates, int keyWords, boolean keyNullMask, int aggregateWords,
        List<String> outputElementTypes, List<GeneratedKernel> builds, List<KernelParameter> compactionParameters) {

    public static final String PIPELINE_KERNEL = "forge_pipeline";
    /** Compacts every group of a group table (in the header). */
    public static final String COMPACT_GROUPS_KERNEL = "forge_compact_groups";
    /**
     * Compacts the groups a HAVING condition keeps (in the source of a pipeline with one; see
     * {@link #filtersGroups}): table, capacity, words, out, out count, status, then {@link #compactionParameters}.
     */
    public static final String COMPACT_SELECTED_GROUPS_KERNEL = "forge_compact_selected_groups";
    public static final String HEADER = "forge_pipeline.cuh";

    public GeneratedKernel {
        parameters = List.copyOf(parameters);
        aggregates = List.copyOf(aggregates);
        outputElementTypes = List.copyOf(outputElementTypes);
        builds = List.copyOf(builds);
        compactionParameters = List.copyOf(compactionParameters);
    }

    /** Whether the groups are compacted through a HAVING condition ({@link #COMPACT_SELECTED_GROUPS_KERNEL}). */
    public boolean filtersGroups() {
        return pipeline.sink() instanceof PipelineSink.GroupedAggregation grouped && grouped.having() != null;
    }

    /** The kernel, in this source, that inserts join {@code join}'s build rows into its hash table. */
    public static String joinBuildKernel(int join) {
        return "forge_join_build" + join;
    }

    /** The 64-bit key words of join {@code join}'s hash table. */
    public int joinKeyWords(int join) {
        return JoinProbeGenerator.keyWords(pipeline.joins().get(join));
    }
}
