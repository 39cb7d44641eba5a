package dev.forge.bench.experiments;

import dev.forge.bench.primitives.NvccPeer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A peer library timed from C++ in the same run as Forge, by a harness that {@link NvccPeer} builds with this
 * machine's nvcc once per suite run and runs with every request of the run before the experiments start.
 */
public enum NativePeer {
    /**
     * cub_experiments.cu: CUB on data it generates with the trials' own formulas, one request
     * "primitive:variant:elements" per trial, each answered with a median and a checksum of its inputs.
     */
    CUB("CUB", "cub", "cub_experiments.cu"),
    /**
     * cublas_gemm.cu: cuBLAS GEMM and GEMV in every precision for each matrix side n asked for, on the values the
     * matrix trials use too, timed one call per sample as the suite times Forge's compute.
     */
    CUBLAS("cuBLAS", "cublas", "cublas_gemm.cu");

    private final String displayName;
    private final String linePrefix;
    private final String harness;

    NativePeer(String displayName, String linePrefix, String harness) {
        this.displayName = displayName;
        this.linePrefix = linePrefix;
        this.harness = harness;
    }

    /** How reports name the peer: "CUB", "cuBLAS". */
    public String displayName() {
        return displayName;
    }

    /** The first word of the harness's measurement lines: "cub", "cublas". */
    String linePrefix() {
        return linePrefix;
    }

    /** The harness's source, a resource next to {@link NvccPeer}. */
    String harness() {
        return harness;
    }

    /** What nvcc links the harness with: for cuBLAS, the very libcublas Forge loaded. */
    List<String> linkOptions() {
        return switch (this) {
            case CUB -> List.of();
            case CUBLAS -> NvccPeer.linkingForgesCublas();
        };
    }

    /** The harness's argument that asks for {@code operation} of {@code variant} at {@code size}. */
    String request(String operation, String variant, long size) {
        return switch (this) {
            case CUB -> operation + ":" + variant + ":" + size;
            // one run per matrix side measures every operation and precision
            case CUBLAS -> Long.toString(size);
        };
    }

    /** The harness's command line for the run's {@code requests} (each once). */
    List<String> arguments(Collection<String> requests) {
        List<String> arguments = new ArrayList<>();
        if (this == CUBLAS) {
            arguments.addAll(List.of("--calls-per-sample", "1"));
        }
        arguments.addAll(requests);
        return arguments;
    }
}
