package dev.forge.bench.primitives;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a case's device memory fits before it is allocated, so that a size too large for the GPU is skipped with the
 * reason rather than failing the run part way with an out-of-memory error. Needs are the case's own estimate of its
 * buffers, pool temporaries included; the check keeps a margin for what the estimate leaves out (kernel modules, the
 * pool's rounding, the CUDA context's growth).
 */
final class DeviceMemoryCheck {
    /** Free memory a case must leave: 5% of its need plus 256 MiB. */
    static final long FIXED_MARGIN = 256L << 20;

    private DeviceMemoryCheck() {
    }

    /** Why {@code neededBytes} does not fit in {@code freeBytes}, or empty when it does (with the margin). */
    static Optional<String> shortfall(long neededBytes, long freeBytes) {
        long withMargin = neededBytes + neededBytes / 20 + FIXED_MARGIN;
        if (withMargin <= freeBytes) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "skipped: needs about %s of device memory (%s and a margin),"
                + " %s free", gib(withMargin), gib(neededBytes), gib(freeBytes)));
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
