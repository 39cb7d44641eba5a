package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Kernel timing measures the device work between its events, once per synchronisation, and only when asked for. */
@RequiresGpu
class KernelTimingTest {

    @Test
    void timesTheWorkBetweenLaunchesAndStartsAgainAfterEachSummary() {
        CudaDevice device = Cuda.defaultDevice();
        String before = System.getProperty(KernelTiming.PROPERTY);
        try (Stream stream = device.createStream(); DeviceBuffer buffer = device.allocate(1L << 30)) {
            System.clearProperty(KernelTiming.PROPERTY);
            try (KernelTiming off = KernelTiming.forDevice(device)) {
                off.beforeLaunch(stream);
                buffer.fillAsync((byte) 1, stream);
                off.afterLaunch(stream);
                stream.synchronize();
                off.collect();
                off.addPhase(KernelTiming.Phase.HOST, 1_000_000);
                assertThat(off.takeSummary()).isEmpty();
            }
            System.setProperty(KernelTiming.PROPERTY, "true");
            try (KernelTiming on = KernelTiming.forDevice(device)) {
                for (int pipeline = 0; pipeline < 2; pipeline++) {
                    on.beforeLaunch(stream);
                    on.beforeLaunch(stream); // a join's insert opened the span: the pipeline's launch keeps it
                    buffer.fillAsync((byte) pipeline, stream); // 1 GiB of writes: well over a microsecond
                    on.afterLaunch(stream);
                    stream.synchronize();
                    on.collect();
                    on.collect(); // nothing new recorded: adds nothing
                }
                on.addPhase(KernelTiming.Phase.READ_BACK, 2_500_000);
                String summary = on.takeSummary().orElseThrow();
                Matcher figures = Pattern.compile("GPU kernels ([0-9.]+) ms over (\\d+) pipeline run\\(s\\); host wall"
                        + " time: pipelines \\(uploads, launches, synchronisations\\) 0\\.000 ms, reading results back into"
                        + " host tables 2\\.500 ms, the CPU executor's parts 0\\.000 ms, dictionary-encoding the strings"
                        + " kernels read 0\\.000 ms, releasing stage results and cached columns 0\\.000 ms")
                        .matcher(summary);
                assertThat(figures.matches()).as(summary).isTrue();
                assertThat(Double.parseDouble(figures.group(1))).isGreaterThan(0.01);
                assertThat(figures.group(2)).isEqualTo("2");
                assertThat(on.takeSummary().orElseThrow()).startsWith("GPU kernels 0.000 ms over 0 pipeline run(s);")
                        .contains("host tables 0.000 ms");
            }
        } finally {
            if (before == null) {
                System.clearProperty(KernelTiming.PROPERTY);
            } else {
                System.setProperty(KernelTiming.PROPERTY, before);
            }
        }
    }
}
