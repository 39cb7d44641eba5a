package dev.forge.executor.gpu.run;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The device time of a query's pipeline kernels, measured with CUDA events when {@code -Dforge.gpu.kernelTiming=true}:
 * the figure to set against the query's wall time (the rest is planning, uploads, result copies, host work and
 * synchronisation) and to divide the bytes a query scans by. An event pair brackets each pipeline's launches and is read
 * after the synchronisation the runner makes anyway to read the pipeline's status, so timing adds no wait of its own.
 * Off by default: recording costs a few microseconds a pipeline. With it, the host's wall time is split into phases too
 * (running the pipelines, reading their results back into host tables, the CPU executor's parts), so one run says
 * where a query's time went.
 */
public final class KernelTiming implements AutoCloseable {
    static final String PROPERTY = "forge.gpu.kernelTiming";

    /** The host phases a query's wall time is split into, in the order the summary names them. */
    public enum Phase {
        PIPELINES("pipelines (uploads, launches, synchronisations)"),
        READ_BACK("reading results back into host tables"),
        HOST("the CPU executor's parts"),
        DICTIONARIES("dictionary-encoding the strings kernels read"),
        RELEASE("releasing stage results and cached columns");

        private final String description;

        Phase(String description) {
            this.description = description;
        }
    }

    private final Event start;
    private final Event end;
    private boolean open;
    private boolean recorded;
    private double millis;
    private int pipelines;
    private final long[] phaseNanos = new long[Phase.values().length];

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

    /** Adds wall time to a host phase; nothing when timing is off. */
    public void addPhase(Phase phase, long nanos) {
        if (start != null) {
            phaseNanos[phase.ordinal()] += nanos;
        }
    }

    /** What was measured since the last call, as a clause for the query's note; then starts again. */
    Optional<String> takeSummary() {
        if (start == null) {
            return Optional.empty();
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "GPU kernels %.3f ms over %d pipeline"
                + " run(s); host wall time:", millis, pipelines));
        for (Phase phase : Phase.values()) {
            summary.append(String.format(Locale.ROOT, "%s %s %.3f ms", phase.ordinal() == 0 ? "" : ",",
                    phase.description, phaseNanos[phase.ordinal()] / 1e6));
        }
        Arrays.fill(phaseNanos, 0);
        millis = 0;
        pipelines = 0;
        open = false;
        recorded = false;
        return Optional.of(summary.toString());
    }

    @Override
    public void close() {
        if (start != null) {
            start.close();
            end.close();
        }
    }
}
