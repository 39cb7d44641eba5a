package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.testing.RequiresGpu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

@RequiresGpu
class StickyErrorTest {

    @Test
    void anOutOfBoundsWriteIsReportedAndNeverCrashesAndTheGpuWorksAgainAfterwards(TestReporter reporter)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process probe = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), StickyErrorProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        List<String> lines = output.lines().toList();

        assertThat(lines).contains("fault=CUDA_ERROR_ILLEGAL_ADDRESS broken=true");
        assertThat(lines).containsAnyOf("next=recovered", "next=lost");
        if (lines.contains("next=lost")) {
            // The driver keeps the error for the process: Forge must say so plainly and point at the way out.
            assertThat(output).contains("cannot be used again in this process", "restarted",
                    "CUDA_ERROR_ILLEGAL_ADDRESS in cuStreamSynchronize broke its context");
        }
        assertThat(lines).contains("closed=ok live=0");
        reporter.publishEntry("after an illegal address, the faulting process", lines.contains("next=recovered")
                ? "reset the context and used the GPU again" : "marked the GPU lost (the driver refused every reset)");

        // Whatever the driver did to that process, this one (a new process as far as the driver knows) is fine.
        assertThat(TestKernels.fillAddAndRead(TestKernels.device(), 4096, 1, 2)).containsOnly(3);
    }
}
