package dev.forge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a benchmark command writes its results to (--json, --csv, --markdown): folders made, each write said. */
final class ResultFiles {
    private ResultFiles() {
    }

    /**
     * Makes the folders of the files named (null where none was) before a run, so that a folder that cannot be made
     * fails at once, not after minutes of measuring, and a missing one never loses the figures.
     */
    static void prepare(Path... files) throws IOException {
        for (Path file : files) {
            if (file != null) {
                Path folder = file.toAbsolutePath().getParent();
                if (folder != null) {
                    Files.createDirectories(folder);
                }
            }
        }
    }

    /** Writes {@code text} to {@code file} (its folder made if need be) and says so on {@code out}. */
    static void write(Path file, String text, PrintWriter out) throws IOException {
        prepare(file);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        out.println("wrote " + file);
    }
}
