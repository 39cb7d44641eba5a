package dev.forge.columnar.encoding;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;

/** Run-length encoding: one value per run of equal values, and the exclusive end of each run. */
public final class RunLengthEncoding {
    private RunLengthEncoding() {
    }

    /** How many runs of equal neighbours the values form. */
    public static int countRuns(ChunkValues values) {
        int runs = values.count() == 0 ? 0 : 1;
        for (int i = 1; i < values.count(); i++) {
            if (values.get(i) != values.get(i - 1)) {
                runs++;
            }
        }
        return runs;
    }

    public static long estimateBytes(int runs, int valueBytes) {
        return (long) runs * (valueBytes + 4);
    }

    public static EncodedChunk encode(ChunkValues values) {
        int runs = countRuns(values);
        int valueBytes = values.valueBytes();
        MemorySegment runValues = ChunkValues.newSection(runs, valueBytes);
        MemorySegment runEnds = MemorySegment.ofArray(new byte[runs * 4]);
        int run = 0;
        for (int i = 1; i <= values.count(); i++) {
            if (i == values.count() || values.get(i) != values.get(i - 1)) {
                ChunkValues.write(runValues, run, values.get(i - 1), valueBytes);
                runEnds.setAtIndex(Layouts.INT, run, i);
                run++;
            }
        }
        return ChunkAssembler.assemble(Encoding.RUN_LENGTH, valueBytes, 0, values.count(), 0, runs, runValues, runEnds);
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        int valueBytes = chunk.valueBytes();
        MemorySegment runValues = chunk.section(0);
        MemorySegment runEnds = chunk.section(1);
        int start = 0;
        for (int run = 0; run < chunk.entryCount(); run++) {
            long value = ChunkValues.read(runValues, run, valueBytes);
            int end = runEnds.getAtIndex(Layouts.INT, run);
            for (int i = start; i < end; i++) {
                ChunkValues.write(out, i, value, valueBytes);
            }
            start = end;
        }
    }
}
