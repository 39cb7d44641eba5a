package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import dev.forge.primitives.cpu.CpuHashTable;
import dev.forge.primitives.gpu.GpuHashTable;
import dev.forge.primitives.gpu.GpuHashTableBuilder;
import dev.forge.primitives.gpu.GpuJoinPairs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hash-table probes: a table over {@link HashProbeKeys#BUILD_ROWS} distinct int32 (then int64) keys, built once per
 * key type by {@code GpuHashTableBuilder} and by {@code CpuHashTable.build} (the build timed too, as
 * {@code hash_build}, against copy bandwidth), probed at every size with keys of which about half hit:
 * {@code GpuHashTable.probe} (every matching pair, in the twin's order; it waits on the host once per call for the
 * pair count, and that wait is in its time) against {@code CpuHashTable.probe}, and {@code matchedRows} (the probe
 * rows with a match, a semi join, which never waits) checked against the pairs' probe rows (the build keys are
 * distinct) with no CPU time of its own. Probes are read against the random-gather ceiling of their key width:
 * probe keys per second over random reads per second. CUB has no hash table.
 */
final class HashProbeBenchmark implements FamilyBenchmark {
    private final MeasurementContext context;
    private final Map<ElementType, Ceiling> gatherCeilings;
    private final GpuHashTableBuilder builder;

    /** {@code gatherCeilings}: the random-gather ceiling of INT32 keys (4-byte reads) and INT64 keys (8-byte). */
    HashProbeBenchmark(MeasurementContext context, Map<ElementType, Ceiling> gatherCeilings) {
        this.context = context;
        this.gatherCeilings = gatherCeilings;
        this.builder = new GpuHashTableBuilder(context.device);
    }

    @Override
    public void measure(long size) {
        measureAll(List.of(size));
    }

    @Override
    public void measureAll(List<Long> sizes) {
        for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.INT64}) {
            String typeName = type.name().toLowerCase(Locale.ROOT);
            long buildRows = HashProbeKeys.BUILD_ROWS;
            long keyBytes = buildRows * type.byteSize();
            // the keys, the table, and about as much again for the build's sort
            if (!context.roomFor(PrimitiveFamily.HASH_PROBE, "hash_build", typeName, buildRows,
                    keyBytes + 2 * GpuHashTable.tableBytes(buildRows))) {
                continue;
            }
            context.progress.accept("hash table build, " + buildRows + " " + typeName + " keys");
            try (Arena arena = Arena.ofShared(); DeviceBuffer buildKeys = context.device.allocate(keyBytes)) {
                MemorySegment hostKeys = arena.allocate(keyBytes, 64);
                HashProbeKeys.fillBuild(context.workers, hostKeys, type);
                buildKeys.copyFrom(hostKeys);
                double gpuBuild = context.gpuMedian(() -> builder.build(buildKeys, type, context.pool, context.stream)
                        .close());
                CpuHashTable[] cpuTable = new CpuHashTable[1];
                double cpuBuild = context.cpuMedian(buildRows,
                        () -> cpuTable[0] = CpuHashTable.build(context.workers, hostKeys, type),
                        () -> CpuHashTable.build(context.workers, hostKeys, type));
                // keys read, slots written: the least a build moves
                context.add(new PrimitiveResult(PrimitiveFamily.HASH_PROBE.optionName(), "hash_build", typeName,
                        buildRows, keyBytes + GpuHashTable.tableBytes(buildRows), gpuBuild, cpuBuild, Double.NaN,
                        context.copy));
                try (GpuHashTable table = builder.build(buildKeys, type, context.pool, context.stream)) {
                    for (long size : sizes) {
                        // probe keys, pairs (16 bytes for each of about half the keys), the count and scan's words
                        if (context.roomFor(PrimitiveFamily.HASH_PROBE, "hash_probe", typeName, size,
                                size * (type.byteSize() + 8 + 16) + (16 << 20))) {
                            context.progress.accept("hash probe, " + size + " " + typeName + " keys");
                            probe(table, cpuTable[0], type, size);
                        }
                    }
                    context.stream.synchronize();
                }
            }
        }
    }

    private void probe(GpuHashTable table, CpuHashTable cpuTable, ElementType type, long size) {
        String typeName = type.name().toLowerCase(Locale.ROOT);
        long keyBytes = size * type.byteSize();
        Arena[] expectedArena = new Arena[1];
        try (Arena arena = Arena.ofShared(); DeviceBuffer probeKeys = context.device.allocate(keyBytes);
                DeviceBuffer matched = context.device.allocate(8 * size); DeviceBuffer count = context.device.allocate(8)) {
            MemorySegment hostKeys = arena.allocate(keyBytes, 64);
            HashProbeKeys.fillProbe(context.workers, hostKeys, type);
            probeKeys.copyFrom(hostKeys);

            double gpuProbe = context.gpuMedian(() -> table.probe(probeKeys, context.pool, context.stream).close());
            JoinPairs[] expected = new JoinPairs[1];
            double cpuProbe = context.cpuMedian(size, () -> {
                expectedArena[0] = Arena.ofShared();
                expected[0] = cpuTable.probe(hostKeys, expectedArena[0]);
            }, () -> {
                try (Arena scratch = Arena.ofShared()) {
                    cpuTable.probe(hostKeys, scratch);
                }
            });
            JoinPairs pairs = expected[0];
            try (GpuJoinPairs gpuPairs = table.probe(probeKeys, context.pool, context.stream)) {
                ResultCheck.sameCount("hash_probe of " + typeName + " keys: the pair count", gpuPairs.count(),
                        pairs.count());
                ResultCheck.sameBytes("hash_probe of " + typeName + " keys: the probe rows", gpuPairs.leftRows(),
                        pairs.leftRows(), context.stream);
                ResultCheck.sameBytes("hash_probe of " + typeName + " keys: the build rows", gpuPairs.rightRows(),
                        pairs.rightRows(), context.stream);
            }
            Ceiling gather = gatherCeilings.get(type);
            context.add(new PrimitiveResult(PrimitiveFamily.HASH_PROBE.optionName(), "hash_probe", typeName, size,
                    keyBytes + 16 * pairs.count(), gpuProbe, cpuProbe, Double.NaN, gather));

            double gpuSemi = context.gpuMedian(() -> table.matchedRows(probeKeys, matched, count, context.pool,
                    context.stream));
            ResultCheck.sameCount("hash_probe_semi of " + typeName + " keys: the row count", count, pairs.count(),
                    context.stream);
            ResultCheck.sameBytes("hash_probe_semi of " + typeName + " keys: the rows", matched, pairs.leftRows(),
                    context.stream);
            context.add(new PrimitiveResult(PrimitiveFamily.HASH_PROBE.optionName(), "hash_probe_semi", typeName, size,
                    keyBytes + 8 * pairs.count() + 8, gpuSemi, Double.NaN, Double.NaN, gather));
        } finally {
            if (expectedArena[0] != null) {
                expectedArena[0].close();
            }
        }
    }
}
