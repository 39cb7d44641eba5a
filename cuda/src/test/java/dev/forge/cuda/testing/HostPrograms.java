package dev.forge.cuda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host programs the kernel emulation tests of every module build (the compiler, then the emulation itself),
 * and tells whether a program is on the PATH (the tests skip without g++).
 */
public final class HostPrograms {
    private HostPrograms() {
    }

    /** Runs {@code command}, failing the test when it does not finish in time or exits non-zero; returns its output. */
    public static String run(List<String> command, String what, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as(what + " timed out").isTrue();
        assertThat(process.exitValue()).as(what + ":\n" + text).isZero();
        return text;
    }

    public static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }
}
