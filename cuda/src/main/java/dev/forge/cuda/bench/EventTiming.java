package dev.forge.cuda.bench;

import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import java.util.Arrays;

/**
 * Device time of a call by CUDA events, as every Forge benchmark takes it: each sample times a few calls queued back to
 * back between two events and divides, because with a single call the events would also count the host's time to
 * queue it, while the GPU idles. The median of the samples is reported.
 */
public final class EventTiming {
    private EventTiming() {
    }

    /** The median device seconds of one {@code call} over {@code samples} samples of {@code callsPerSample} calls. */
    public static double medianSeconds(int samples, int callsPerSample, Stream stream, Event start, Event end,
            Runnable call) {
        double[] seconds = new double[samples];
        for (int i = 0; i < samples; i++) {
            start.record(stream);
            for (int c = 0; c < callsPerSample; c++) {
                call.run();
            }
            end.record(stream);
            end.synchronize();
            seconds[i] = end.elapsedMillisSince(start) / 1e3 / callsPerSample;
        }
        return median(seconds);
    }

    /** The median of {@code samples} (the mean of the middle two for an even count). */
    public static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
