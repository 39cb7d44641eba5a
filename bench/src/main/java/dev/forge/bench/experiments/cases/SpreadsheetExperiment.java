package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.cpu.CpuGather;
import dev.forge.primitives.cpu.CpuHashJoin;
import dev.forge.primitives.cpu.CpuSegmentedReduce;
import dev.forge.primitives.gpu.GpuGather;
import dev.forge.primitives.gpu.GpuHashJoin;
import dev.forge.primitives.gpu.GpuJoinPairs;
import dev.forge.primitives.gpu.GpuSegmentedReduce;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Spreadsheet formulas over a {@link Spreadsheet} of 1000 columns (1M cells is the 1000 x 1000 grid; larger sizes add
 * rows): SUM and AVERAGE of every column ({@code GpuSegmentedReduce} over the column ranges, plus a division kernel,
 * against {@code CpuSegmentedReduce} in the same summation order, so the results agree bit for bit) and VLOOKUP of
 * one id per row in the id column returning column 501 ({@code GpuHashJoin} then {@code GpuGather}, against
 * {@code CpuHashJoin} and {@code CpuGather}; exact).
 */
public final class SpreadsheetExperiment implements Experiment {

    @Override
    public String name() {
        return "spreadsheet";
    }

    @Override
    public String description() {
        return "column SUM, AVERAGE and VLOOKUP over a 1000-column sheet (1M cells = 1000x1000): segmented reduce"
                + " and hash join + gather, GPU vs CPU twins";
    }

    @Override
    public List<String> variants() {
        return List.of("SUM", "AVERAGE", "VLOOKUP");
    }

    @Override
    public String sizeUnit() {
        return "cells";
    }

    @Override
    public long deviceBytes(String variant, long size) {
        long rows = Spreadsheet.rowsFor(size);
        return variant.equals("VLOOKUP") ? 120 * rows + (64 << 20) : 8 * rows * Spreadsheet.COLUMNS + (64 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 8 * Spreadsheet.rowsFor(size) * (Spreadsheet.COLUMNS + 8);
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("the CUB harness has no spreadsheet; CUB's DeviceSegmentedReduce is compared with"
                + " Forge's in `forge bench primitives`");
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new SheetTrial(variant, size, context);
    }

    private static final class SheetTrial extends PrimitiveTrial {
        private final String variant;
        private final Spreadsheet sheet;
        private final MemorySegment cpuResult;
        private CpuSegmentedReduce cpuReduce;
        private final ResultArena cpuArena = new ResultArena();
        private MemorySegment gpuResult;
        private MemorySegment gpuPairCount;

        SheetTrial(String variant, long size, TrialContext context) {
            super(context);
            this.variant = variant;
            this.sheet = new Spreadsheet(size, memory, context.workers());
            this.cpuResult = memory.host(8 * resultCount());
            this.cpuReduce = new CpuSegmentedReduce(context.workers());
            if (context.hasGpu()) {
                if (variant.equals("VLOOKUP")) {
                    prepareLookup();
                } else {
                    prepareColumnSums();
                }
            }
        }

        private long resultCount() {
            return variant.equals("VLOOKUP") ? sheet.rows : Spreadsheet.COLUMNS;
        }

        private void prepareColumnSums() {
            GpuSegmentedReduce reduce = new GpuSegmentedReduce(context.gpu().device());
            // the same summation order on both sides, whatever the device's policy
            cpuReduce = new CpuSegmentedReduce(context.workers(), reduce.sumOrder());
            var divide = KernelCompiler.shared(context.gpu().device())
                    .load(KernelSource.fromResource(SpreadsheetExperiment.class, "/kernels/spreadsheet.cu"))
                    .kernel("spreadsheet_divide");
            DeviceBuffer cells = memory.device(sheet.cells.byteSize());
            DeviceBuffer offsets = memory.device(sheet.columnOffsets.byteSize());
            DeviceBuffer sums = memory.device(8L * Spreadsheet.COLUMNS);
            DeviceBuffer averages = memory.device(8L * Spreadsheet.COLUMNS);
            DeviceBuffer invalidOffset = memory.device(8);
            gpuResult = memory.host(8L * Spreadsheet.COLUMNS);
            boolean average = variant.equals("AVERAGE");
            gpu = GpuSteps.forge().upload(sheet.cells, cells).upload(sheet.columnOffsets, offsets)
                    .compute(stream -> {
                        reduce.segmentedReduce(cells, ElementType.FLOAT64, offsets, ReduceOperator.SUM, sums,
                                invalidOffset, context.gpu().pool(), stream);
                        if (average) {
                            divide.launcher().grid(Math.ceilDiv(Spreadsheet.COLUMNS, 256)).block(256).stream(stream)
                                    .arg(sums).arg((long) Spreadsheet.COLUMNS).arg((double) sheet.rows).arg(averages)
                                    .launch();
                        }
                    })
                    .download(average ? averages : sums, gpuResult);
        }

        private void prepareLookup() {
            GpuHashJoin join = new GpuHashJoin(context.gpu().device());
            GpuGather gather = new GpuGather(context.gpu().device());
            MemorySegment lookedUp = sheet.column(Spreadsheet.LOOKED_UP_COLUMN);
            DeviceBuffer ids = memory.device(sheet.ids.byteSize());
            DeviceBuffer lookups = memory.device(sheet.lookups.byteSize());
            DeviceBuffer column = memory.device(lookedUp.byteSize());
            DeviceBuffer values = memory.device(8 * sheet.rows);
            DeviceBuffer outOfBounds = memory.device(8);
            gpuResult = memory.host(8 * sheet.rows);
            gpuPairCount = memory.host(8);
            gpu = GpuSteps.forge().upload(sheet.ids, ids).upload(sheet.lookups, lookups).upload(lookedUp, column)
                    .compute(stream -> {
                        try (GpuJoinPairs pairs = join.inner(lookups, ids, ElementType.INT64, context.gpu().pool(),
                                stream)) {
                            gpuPairCount.set(ValueLayout.JAVA_LONG, 0, pairs.count());
                            if (pairs.count() == sheet.rows) {
                                gather.gather(column, ElementType.FLOAT64, pairs.rightRows(), ElementType.INT64, values,
                                        outOfBounds, stream);
                            }
                        }
                    })
                    .download(values, gpuResult);
        }

        @Override
        public TrialShape shape() {
            if (variant.equals("VLOOKUP")) {
                // ids and lookups read, the looked-up cells gathered, one value written per row
                return new TrialShape(sheet.rows, 32 * sheet.rows, 24 * sheet.rows, 8 * sheet.rows);
            }
            long cellBytes = sheet.cells.byteSize();
            return new TrialShape(sheet.cellCount(), cellBytes + 8L * Spreadsheet.COLUMNS,
                    cellBytes + sheet.columnOffsets.byteSize(), 8L * Spreadsheet.COLUMNS);
        }

        @Override
        public void runBaseline() {
            if (variant.equals("VLOOKUP")) {
                JoinPairs pairs = new CpuHashJoin(context.workers()).inner(sheet.lookups, sheet.ids, ElementType.INT64,
                        cpuArena.next());
                new CpuGather(context.workers()).gather(sheet.column(Spreadsheet.LOOKED_UP_COLUMN), ElementType.FLOAT64,
                        pairs.rightRows(), ElementType.INT64, cpuResult);
                cpuArena.keepOnlyLatest();
                return;
            }
            cpuReduce.segmentedReduce(sheet.cells, ElementType.FLOAT64, sheet.columnOffsets, ReduceOperator.SUM,
                    cpuResult);
            if (variant.equals("AVERAGE")) {
                double rows = sheet.rows;
                for (int c = 0; c < Spreadsheet.COLUMNS; c++) {
                    cpuResult.setAtIndex(ValueLayout.JAVA_DOUBLE, c,
                            cpuResult.getAtIndex(ValueLayout.JAVA_DOUBLE, c) / rows);
                }
            }
        }

        @Override
        public String validate() {
            if (variant.equals("VLOOKUP")) {
                Compare.exactCount("VLOOKUP matches", sheet.rows, gpuPairCount.get(ValueLayout.JAVA_LONG, 0));
                return Compare.exact("looked-up values", cpuResult, gpuResult, sheet.rows, 8);
            }
            return Compare.exact("column " + variant + "s (same summation order)", cpuResult, gpuResult,
                    Spreadsheet.COLUMNS, 8);
        }

        @Override
        public void close() {
            super.close();
            cpuArena.close();
        }
    }
}
