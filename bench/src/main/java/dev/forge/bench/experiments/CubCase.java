package dev.forge.bench.experiments;

/**
 * What CUB measures for one trial: a request to the CUB harness (cub_experiments.cu prints
 * "cub PRIMITIVE VARIANT ELEMENTS SECONDS" and "cubdata PRIMITIVE VARIANT ELEMENTS CHECKSUM"), or why CUB has no peer.
 */
public sealed interface CubCase {

    /** The harness's name for the primitive and variant, e.g. ("sort_keys", "u32"). */
    record Measured(String primitive, String variant) implements CubCase {
        /** The argument that asks the harness for this case at {@code elements}: "sort_keys:u32:1000000". */
        public String request(long elements) {
            return primitive + ":" + variant + ":" + elements;
        }

        public String key(long elements) {
            return primitive + " " + variant + " " + elements;
        }
    }

    record Absent(String reason) implements CubCase {
    }
}
