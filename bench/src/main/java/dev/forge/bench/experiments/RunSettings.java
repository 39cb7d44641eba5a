package dev.forge.bench.experiments;

import java.util.List;

/**
 * What one suite run measures: the profile, the sizes (the profile's unless given), timed runs and warm-up runs per
 * measurement (the profile's unless given), whether sizes grow to the machine's memory, whether CUB is built, and
 * whether the sizes were given (an experiment whose size counts something else translates given sizes, and picks its
 * own for a profile).
 */
public record RunSettings(Profile profile, List<Long> sizes, int runs, int warmups, boolean growsToMemory,
        boolean cubPeer, boolean sizesGiven) {

    public RunSettings {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one size");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmups);
        }
        sizes = sizes.stream().distinct().sorted().toList();
    }

    /** The profile's settings, with sizes, runs or warm-ups replaced where given (null keeps the profile's). */
    public static RunSettings of(Profile profile, List<Long> sizes, Integer runs, Integer warmups, boolean cubPeer) {
        boolean explicitSizes = sizes != null && !sizes.isEmpty();
        return new RunSettings(profile, explicitSizes ? sizes : profile.sizes(),
                runs != null ? runs : profile.runs(), warmups != null ? warmups : profile.warmups(),
                profile.growsToMemory() && !explicitSizes, cubPeer, explicitSizes);
    }

    /** The same run at {@code ownSizes}, which do not grow. */
    public RunSettings withSizes(List<Long> ownSizes) {
        return new RunSettings(profile, ownSizes, runs, warmups, false, cubPeer, sizesGiven);
    }
}
