package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.TrialMemory;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;

/**
 * The sheet of the spreadsheet experiment: {@value #COLUMNS} columns of float64 cells (cents in [0, 1000)), stored
 * column by column so that a column is one contiguous range, as many rows as the size allows (1M cells = 1000 x 1000),
 * an int64 id per row (distinct, in random order: the lookup column of VLOOKUP) and one lookup id per row drawn from
 * the ids (a column of VLOOKUP formulas).
 */
final class Spreadsheet {
    static final int COLUMNS = 1000;
    /** VLOOKUP returns this column, as VLOOKUP(id, sheet, 501, FALSE) would. */
    static final int LOOKED_UP_COLUMN = COLUMNS / 2;
    private static final long CELL_SEED = 0x5EED_0011L;
    private static final long ID_SEED = 0x5EED_0012L;
    private static final long LOOKUP_SEED = 0x5EED_0013L;

    final long rows;
    final MemorySegment cells;
    final MemorySegment columnOffsets;
    final MemorySegment ids;
    final MemorySegment lookups;

    Spreadsheet(long cellCount, TrialMemory memory, CpuWorkers workers) {
        this.rows = rowsFor(cellCount);
        this.cells = memory.host(8 * rows * COLUMNS);
        this.columnOffsets = memory.host(8L * (COLUMNS + 1));
        this.ids = memory.host(8 * rows);
        this.lookups = memory.host(8 * rows);
        SeededData.fillFloat64(workers, cells, i -> SeededData.between(CELL_SEED, i, 0, 100_000) / 100.0);
        SeededData.fillInt64(workers, columnOffsets, c -> c * rows);
        SeededData.fillInt64(workers, ids, r -> SeededData.bits(ID_SEED, r));
        SeededData.fillInt64(workers, lookups,
                i -> SeededData.bits(ID_SEED, SeededData.between(LOOKUP_SEED, i, 0, rows)));
    }

    static long rowsFor(long cellCount) {
        return Math.max(1, cellCount / COLUMNS);
    }

    long cellCount() {
        return rows * COLUMNS;
    }

    /** The cells of one column. */
    MemorySegment column(int column) {
        return cells.asSlice(8 * rows * column, 8 * rows);
    }
}
