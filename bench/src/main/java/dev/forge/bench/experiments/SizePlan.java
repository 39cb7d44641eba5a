package dev.forge.bench.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sizes one experiment variant runs at: the run's sizes (or the experiment's own, {@link Experiment#ownSizes})
 * that fit the machine (a trial may take at most 90% of the GPU's free memory and 60% of the host's) and the
 * experiment's own limits ({@link Experiment#sizeLimit}), and for a thorough run the 1-2-5 steps above them while
 * they fit (none when one of the run's sizes already did not).
 *
 * @param skipped one line per size left out, saying why
 */
record SizePlan(List<Long> sizes, List<String> skipped) {
    private static final double DEVICE_SHARE = 0.9;
    private static final double HOST_SHARE = 0.6;

    /**
     * @param freeDeviceBytes free GPU memory, or -1 without a GPU (then only the host bounds the sizes)
     */
    static SizePlan of(Experiment experiment, String variant, RunSettings settings, long freeDeviceBytes,
            long hostBytes) {
        RunSettings own = experiment.ownSizes(settings);
        List<Long> sizes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (long size : own.sizes()) {
            String why = whyNot(experiment, variant, size, freeDeviceBytes, hostBytes);
            if (why == null) {
                sizes.add(size);
            } else {
                skipped.add(variant + " at " + Sizes.format(size) + ": " + why);
            }
        }
        if (own.growsToMemory() && skipped.isEmpty()) {
            long largest = own.sizes().getLast();
            for (long size : growth(largest)) {
                String why = whyNot(experiment, variant, size, freeDeviceBytes, hostBytes);
                if (why != null) {
                    skipped.add(variant + " grew to " + Sizes.format(sizes.isEmpty() ? largest : sizes.getLast())
                            + "; " + Sizes.format(size) + " " + why);
                    break;
                }
                sizes.add(size);
            }
        }
        return new SizePlan(List.copyOf(sizes), List.copyOf(skipped));
    }

    /** 2x, 5x, 10x, 20x, ... of the 1-2-5 sequence above {@code largest}, up to {@link Sizes#MAX}. */
    static List<Long> growth(long largest) {
        List<Long> steps = new ArrayList<>();
        long decade = 1;
        while (decade <= Sizes.MAX) {
            for (long factor : new long[] {1, 2, 5}) {
                long size = decade * factor;
                if (size > largest && size <= Sizes.MAX) {
                    steps.add(size);
                }
            }
            decade *= 10;
        }
        return steps;
    }

    private static String whyNot(Experiment experiment, String variant, long size, long freeDeviceBytes,
            long hostBytes) {
        Optional<String> limit = experiment.sizeLimit(variant, size);
        if (limit.isPresent()) {
            return limit.get();
        }
        long device = experiment.deviceBytes(variant, size);
        if (freeDeviceBytes >= 0 && device > DEVICE_SHARE * freeDeviceBytes) {
            return String.format(Locale.ROOT, "needs %s on the GPU, more than %.0f%% of the %s free",
                    Format.bytes(device), 100 * DEVICE_SHARE, Format.bytes(freeDeviceBytes));
        }
        long host = experiment.hostBytes(variant, size);
        if (hostBytes > 0 && host > HOST_SHARE * hostBytes) {
            return String.format(Locale.ROOT, "needs %s of host memory, more than %.0f%% of the host's %s",
                    Format.bytes(host), 100 * HOST_SHARE, Format.bytes(hostBytes));
        }
        return null;
    }
}
