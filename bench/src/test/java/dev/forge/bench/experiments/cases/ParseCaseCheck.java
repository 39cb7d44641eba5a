package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.ValidationException;
import dev.forge.columnar.Table;
import dev.forge.primitives.cpu.CpuWorkers;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks what the GPU parser (or its emulation) made of one {@link ParseCases.Case}. */
final class ParseCaseCheck {
    private ParseCaseCheck() {
    }

    /** Null when the outputs are right: a valid text read as the CPU reader reads it, a bad one reported rightly. */
    static String problem(ParseCases.Case parseCase, ParseOutputs outputs, Path file, CpuWorkers workers)
            throws IOException {
        ParseErrors errors = outputs.parseErrors();
        ParseCases.Expected expected = parseCase.error();
        if (expected != null) {
            ParseCases.Expected got = new ParseCases.Expected(errors.firstRow(), errors.column(), errors.error(),
                    errors.badRows());
            return got.equals(expected) ? null : parseCase + ": expected " + expected + ", got " + got;
        }
        try (Table table = CpuReaders.read(parseCase.format(), file, ParseRecords.SCHEMA, 1).table();
                Arena arena = Arena.ofShared()) {
            byte[] bytes = Files.readAllBytes(file);
            MemorySegment text = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, text, ValueLayout.JAVA_BYTE, 0, bytes.length);
            ParsedColumnsCheck.compare(table, outputs, text, workers);
            return null;
        } catch (ValidationException mismatch) {
            return parseCase + ": " + mismatch.getMessage();
        }
    }
}
