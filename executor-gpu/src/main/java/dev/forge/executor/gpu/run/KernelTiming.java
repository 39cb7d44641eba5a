package dev.forge.executor.gpu.run;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import java.util.Locale;
import java.util.Optional;

/**
 * The device time of a query's pipeline kernels, measured with CUDA events when {@code -Dforge.gpu.kernelTiming=true}:
 * the figure to set against the query's wall time (the rest is planning, uploads, result copies, host work and
 * synchronisation) and to divide the bytes a query scans by. An event pair brackets each pipeline's launches and is read
 * after the synchronisation the runner makes anyway to read the pipeline's status, so timing adds no wait of its own.
 * Off by default: recording costs a few microseconds a pipeline.
 */
final class KernelTiming implements AutoCloseable {
    static final String PROPERTY = "forge.gpu.kernelTiming";

    private final Event start;
    private final Event end;
    private boolean open;
    private boolean recorded;
    private double millis;
    private int pipelines;

    private KernelTiming(Event start, Event end) {
        this.start = start;
        this.end = end;
    }

    /** Timing if the property asks for it, else a timing that records nothing. */
    static KernelTiming forDevice(CudaDevice device) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return new KernelTiming(null, null);
        }
        Event first = Event.create(device, true);
        try {
            return new KernelTiming(first, Event.create(device, true));
        } catch (RuntimeException failed) {
            first.close();
            throw failed;
        }
    }

    /**
     * Before a pipeline's first launch, or before the hash-table inserts of its joins, which then count with it (its
     * scan's uploads are queued before the pipeline's own launch; on a warm run there are none).
     */
    void beforeLaunch(Stream stream) {
        if (start != null && !open) {
            start.record(stream);
            open = true;
        }
    }

    /** After a pipeline's last launch. */
    void afterLaunch(Stream stream) {
        if (end != null && open) {
            end.record(stream);
            open = false;
            recorded = true;
        }
    }

    /** Once the stream has been synchronised: adds the pipeline's kernel time. */
    void collect() {
        if (recorded) {
            millis += end.elapsedMillisSince(start);
            pipelines++;
            recorded = false;
        }
    }

    /** What was measured since the last call, as a clause for the query's note; then starts again. */
    Optional<String> takeSummary() {
        if (start == null) {
            return Optional.empty();
        }
        String summary = String.format(Locale.ROOT, "GPU kernels %.3f ms over %d pipeline run(s)", millis, pipelines);
        millis = 0;
        pipelines = 0;
        open = false;
        recorded = false;
        return Optional.of(summary);
    }

    @Override
    public void close() {
        if (start != null) {
            start.close();
            end.close();
        }
    }
}
