package dev.forge.bench.experiments;

/**
 * The native peer's part in one trial: what its harness measures (cub_experiments.cu prints
 * "cub PRIMITIVE VARIANT ELEMENTS SECONDS" and "cubdata PRIMITIVE VARIANT ELEMENTS CHECKSUM", cublas_gemm.cu
 * "cublas OPERATION PRECISION N SECONDS"), or why that peer has nothing to compare.
 */
public sealed interface NativeCase {

    /** CUB's primitive and variant, e.g. ("sort_keys", "u32"). */
    static NativeCase cub(String primitive, String variant) {
        return new Measured(NativePeer.CUB, primitive, variant);
    }

    /** CUB has no counterpart, and why. */
    static NativeCase noCub(String reason) {
        return new Absent(NativePeer.CUB, reason);
    }

    /** cuBLAS's operation and precision, e.g. ("gemm", "bf16"). */
    static NativeCase cublas(String operation, String precision) {
        return new Measured(NativePeer.CUBLAS, operation, precision);
    }

    NativePeer peer();

    /** The harness's names for the operation and variant. */
    record Measured(NativePeer peer, String operation, String variant) implements NativeCase {
        /** The argument that asks the harness for this case at {@code size}: "sort_keys:u32:1000000" or "4096". */
        public String request(long size) {
            return peer.request(operation, variant, size);
        }

        /** How the harness's answer is keyed: "sort_keys u32 1000000". */
        public String key(long size) {
            return operation + " " + variant + " " + size;
        }
    }

    record Absent(NativePeer peer, String reason) implements NativeCase {
    }
}
