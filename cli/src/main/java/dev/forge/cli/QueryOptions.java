package dev.forge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code forge PATH...}: what to run, how to print it, on which engine. */
final class QueryOptions {

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
            description = "Run this SQL (statements separated by ';', or a dot command) and exit; repeatable.")
    List<String> statements = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the SQL script in FILE and exit.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, csv, json, jsonl or markdown (default: from the -o file's extension, else table).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write results to FILE instead of standard output.")
    Path output;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            description = "auto, gpu or cpu (default: ${DEFAULT-VALUE}: the GPU where there is one).")
    String engine;

    @Option(names = "--timer", description = "After each result, print its summary line (rows, time, engine) to standard error.")
    boolean timer;

    @Option(names = "--no-color", description = "No colour, even on a terminal (NO_COLOR in the environment does the same).")
    boolean noColor;

    boolean hasScript() {
        return !statements.isEmpty() || file != null;
    }
}
