package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the kernel emulation tests share: finding the host compiler, running its programs, writing case words. */
final class EmulationPrograms {
    private EmulationPrograms() {
    }

    static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command}, failing the test unless it exits with 0 within the time; returns its output. */
    static String run(List<String> command, String what, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as(what + " timed out").isTrue();
        assertThat(process.exitValue()).as(what + ":\n" + text).isZero();
        return text;
    }

    /** Writes {@code prefix}, the number of 32-bit words in {@code data}, and the words in hex, as one line. */
    static void words(Writer out, String prefix, MemorySegment data) throws IOException {
        long count = data.byteSize() / 4;
        out.write(prefix + " " + count);
        for (long i = 0; i < count; i++) {
            out.write(' ');
            out.write(Integer.toHexString(data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)));
        }
        out.write('\n');
    }
}
