package dev.forge.bench.experiments;

import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Times one trial: the baseline's runs (wall clock), the contender's (for GPU work, CUDA events split each run into
 * upload, compute and download, and the wall clock takes the whole), then the host peers', each after its warm-up
 * runs. The contender's result is validated after its first run (so a wrong kernel stops the trial at once, before
 * any timing) and after the last timed run, whose result is poisoned before it runs; a host peer's after its last
 * run. The native peer's figure (CUB, cuBLAS) comes from the run's {@link NativePeerResults}.
 */
final class TrialRunner {
    private final RunSettings settings;
    private final NativePeerResults nativePeers;

    TrialRunner(RunSettings settings, NativePeerResults nativePeers) {
        this.settings = settings;
        this.nativePeers = nativePeers;
    }

    /** The figures of one run of GPU work, in seconds. */
    private record DeviceRun(double wall, double upload, double compute, double download) {
    }

    TrialResult run(Experiment experiment, String variant, long size, TrialContext context) {
        Recorder recorder = new Recorder(experiment.name(), variant, size);
        long began = System.nanoTime();
        Trial trial;
        try {
            trial = experiment.prepare(variant, size, context);
        } catch (RuntimeException | OutOfMemoryError failed) {
            return recorder.fail("preparing the data failed: " + describe(failed));
        }
        recorder.generationSeconds = (System.nanoTime() - began) / 1e9;
        try (trial) {
            recorder.baselineName = trial.baselineName();
            Optional<String> baselineSkipped = trial.baselineSkipped();
            if (baselineSkipped.isPresent()) {
                recorder.baselineAbsentReason = baselineSkipped.get();
            } else {
                recorder.baseline = timeOnHost(trial::runBaseline);
            }
            // after the baseline ran: outputs whose size depends on the data (a selection) are known by then
            recorder.shape = trial.shape();
            List<String> checks = new ArrayList<>();
            switch (trial.contender()) {
                case Contender.Absent absent -> recorder.contenderAbsentReason = absent.reason();
                case Contender.OnDevice device -> {
                    recorder.contenderName = device.name();
                    checks.add(timeOnDevice(device, trial, context.gpu(), recorder));
                }
                case Contender.OnHost host -> {
                    recorder.contenderName = host.name();
                    checks.add(timeContenderOnHost(host, trial, recorder));
                }
            }
            for (HostPeer peer : trial.hostPeers()) {
                Statistics statistics = timeOnHost(peer.run());
                String check = peer.validate().get();
                recorder.peers.add(new PeerResult(peer.name(), statistics.median(), statistics, check));
            }
            recorder.peers.add(nativePeers.peerFor(experiment.nativePeer(variant), size, trial.inputChecksum()));
            recorder.validation = String.join("; ", checks);
            return recorder.result();
        } catch (ValidationException mismatch) {
            return recorder.fail("VALIDATION FAILED: " + mismatch.getMessage());
        } catch (RuntimeException | OutOfMemoryError failed) {
            // a Java heap too small for a thorough size fails that trial, not the run
            return recorder.fail("failed: " + describe(failed));
        }
    }

    private void warmUp(Runnable run) {
        WarmUp.run(run, settings.warmups());
    }

    private Statistics timeOnHost(Runnable run) {
        warmUp(run);
        double[] seconds = new double[settings.runs()];
        for (int i = 0; i < seconds.length; i++) {
            long began = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - began) / 1e9;
        }
        return Statistics.of(seconds);
    }

    private String timeContenderOnHost(Contender.OnHost host, Trial trial, Recorder recorder) {
        host.run().run();
        trial.validate(); // before any timing: a wrong result stops the trial here
        warmUp(host.run());
        double[] seconds = new double[settings.runs()];
        for (int i = 0; i < seconds.length; i++) {
            if (i == seconds.length - 1) {
                host.poisonResult().run();
            }
            long began = System.nanoTime();
            host.run().run();
            seconds[i] = (System.nanoTime() - began) / 1e9;
        }
        String check = trial.validate();
        recorder.contenderEndToEnd = Statistics.of(seconds);
        return check;
    }

    private String timeOnDevice(Contender.OnDevice device, Trial trial, GpuResources gpu, Recorder recorder) {
        runOnce(device, gpu);
        trial.validate(); // before any timing: a wrong result stops the trial here
        warmUp(() -> runOnce(device, gpu));
        double[] wall = new double[settings.runs()];
        double[] compute = new double[settings.runs()];
        double[] transfer = new double[settings.runs()];
        for (int i = 0; i < wall.length; i++) {
            if (i == wall.length - 1) {
                device.poisonResult();
            }
            DeviceRun run = runOnce(device, gpu);
            wall[i] = run.wall();
            compute[i] = run.compute();
            transfer[i] = run.upload() + run.download();
        }
        String check = trial.validate();
        recorder.contenderEndToEnd = Statistics.of(wall);
        recorder.contenderDevice = Statistics.of(compute);
        recorder.transfer = Statistics.of(transfer);
        return check;
    }

    private static DeviceRun runOnce(Contender.OnDevice device, GpuResources gpu) {
        Stream stream = gpu.stream();
        Event beforeUpload = gpu.event(0);
        Event afterUpload = gpu.event(1);
        Event afterCompute = gpu.event(2);
        Event afterDownload = gpu.event(3);
        long began = System.nanoTime();
        beforeUpload.record(stream);
        device.upload(stream);
        afterUpload.record(stream);
        device.compute(stream);
        afterCompute.record(stream);
        device.download(stream);
        afterDownload.record(stream);
        afterDownload.synchronize();
        double wall = (System.nanoTime() - began) / 1e9;
        return new DeviceRun(wall, afterUpload.elapsedMillisSince(beforeUpload) / 1e3,
                afterCompute.elapsedMillisSince(afterUpload) / 1e3,
                afterDownload.elapsedMillisSince(afterCompute) / 1e3);
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return failure.getCause() != null && failure.getCause() != failure
                ? text + " (cause: " + describe(failure.getCause()) + ")" : text;
    }

    /** The figures gathered so far, so that a trial that fails halfway still reports what it measured. */
    private static final class Recorder {
        final String experiment;
        final String variant;
        final long size;
        TrialShape shape = new TrialShape(0, 0, 0, 0);
        double generationSeconds = Double.NaN;
        String baselineName = "";
        Statistics baseline;
        String baselineAbsentReason;
        String contenderName;
        String contenderAbsentReason;
        Statistics contenderDevice;
        Statistics contenderEndToEnd;
        Statistics transfer;
        final List<PeerResult> peers = new ArrayList<>();
        String validation = "";

        Recorder(String experiment, String variant, long size) {
            this.experiment = experiment;
            this.variant = variant;
            this.size = size;
        }

        TrialResult result() {
            return build(null);
        }

        TrialResult fail(String failure) {
            return build(failure);
        }

        private TrialResult build(String failure) {
            return new TrialResult(experiment, variant, size, shape, generationSeconds, baselineName, baseline,
                    baselineAbsentReason, contenderName, contenderAbsentReason, contenderDevice, contenderEndToEnd,
                    transfer, List.copyOf(peers), validation, failure);
        }
    }

    /** One line per trial for the progress log. */
    static String summary(TrialResult result) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s %s:", result.experiment(),
                result.variant(), Sizes.format(result.size())));
        if (result.baseline() != null) {
            line.append(String.format(Locale.ROOT, " %s %s", result.baselineName(), Format.millis(result.baseline())));
        } else if (result.baselineAbsentReason() != null) {
            line.append(" no baseline: ").append(result.baselineAbsentReason());
        }
        if (result.contenderName() != null && result.contenderEndToEnd() != null) {
            line.append(String.format(Locale.ROOT, ", %s %s", result.contenderName(),
                    Format.millis(result.contenderDevice() != null ? result.contenderDevice() : result.contenderEndToEnd())));
            if (result.contenderDevice() != null) {
                line.append(String.format(Locale.ROOT, " (end to end %s, transfers %s)",
                        Format.millis(result.contenderEndToEnd()), Format.millis(result.transfer())));
            }
        } else if (result.contenderAbsentReason() != null) {
            // "no GPU" was said once at the start of the run
            line.append(result.contenderAbsentReason().startsWith("no GPU") ? ", no GPU"
                    : ", contender absent: " + result.contenderAbsentReason());
        }
        if (result.contenderMeasured() && result.baseline() != null) { // no baseline (a GEMM above the twin's limit): no ratio
            line.append(String.format(Locale.ROOT, " -> %.2fx %s", result.speedUp(), Verdict.of(result.speedUp())));
            if (result.contenderDevice() != null) {
                line.append(String.format(Locale.ROOT, ", %.2fx %s with transfers", result.speedUpWithTransfers(),
                        Verdict.of(result.speedUpWithTransfers())));
            }
        }
        for (PeerResult peer : result.peers()) {
            if (peer.measured()) {
                line.append(String.format(Locale.ROOT, "; %s %.3f ms", peer.name(), peer.medianSeconds() * 1e3));
            }
        }
        if (result.failed()) {
            line.append(" -- ").append(result.failure());
        } else if (!result.validation().isEmpty()) {
            line.append("; checked: ").append(result.validation());
        }
        List<String> noisy = result.noisyMeasurements();
        if (!noisy.isEmpty()) {
            line.append("; WARNING noisy: ").append(String.join(", ", noisy));
        }
        return line.toString();
    }
}
