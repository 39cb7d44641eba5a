package dev.forge.cuda.compile;

import java.util.Map;

/**
 * A compiled kernel image and where it came from.
 *
 * @param loweredNames C++ name expressions mapped to their mangled symbols
 * @param compileNanos time NVRTC spent on it (0 when it came from a cache)
 */
public record KernelBinary(
        byte[] image,
        ImageKind kind,
        Origin origin,
        Map<String, String> loweredNames,
        String log,
        long compileNanos) {

    public KernelBinary {
        loweredNames = Map.copyOf(loweredNames);
    }

    /** The format of {@link #image()}. */
    public enum ImageKind {
        /** Machine code for one architecture. */
        CUBIN,
        /** Virtual ISA the driver compiles at load time (used when NVRTC does not know the device yet). */
        PTX,
        /** Several CUBINs and PTX in one file, as nvcc builds it. */
        FATBIN
    }

    /** Where the image was found. */
    public enum Origin {
        NVRTC,
        MEMORY_CACHE,
        DISK_CACHE,
        PREBUILT
    }

    KernelBinary from(Origin other) {
        return new KernelBinary(image, kind, other, loweredNames, log, 0);
    }
}
