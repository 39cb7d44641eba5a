package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Field;
import dev.forge.executor.cpu.expression.Evaluator;
import dev.forge.executor.cpu.expression.ExpressionCompiler;
import dev.forge.executor.cpu.vector.AppendedBatch;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.JoinedBatch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.executor.cpu.vector.Vectors;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import java.util.ArrayList;
import java.util.List;

/**
 * All join kinds. The build side is computed in full and its keys go into a {@link KeyTable}; build rows with the
 * same key are chained in row order. Probe morsels stream through in parallel: candidates are the rows of the probe
 * key's chain (every build row when there are no keys), checked in chunks against the residual, which is part of the
 * match condition. A NULL in a key that is not null-safe matches nothing. RIGHT and FULL joins note matched build
 * rows and add the unmatched ones after the last probe morsel. Output order: probe row, then build row.
 */
public final class HashJoinOperator {
    private static final int CHUNK = 1 << 14;

    private final JoinKind kind;
    private final List<JoinKey> keys;
    private final Evaluator residual;
    private final MaterializedBatch build;
    private final int buildRows;
    private final Vector[] buildKeys;
    private final KeyTable table;
    private final int[] chainHeads;
    private final int[] chainNext;
    /** Build rows with a NULL in a key that is not null-safe: they match nothing, but make MARK results NULL. */
    private final int[] nullKeyRows;
    private final boolean[] buildMatched;
    private final List<VectorKind> probeKinds;
    private final VectorKind[] keyKinds;

    private HashJoinOperator(HashJoin node, MorselSource buildSource, QueryContext context) {
        this.kind = node.kind();
        this.keys = node.keys();
        this.residual = node.residual() == null ? null
                : ExpressionCompiler.compile(node.residual(), node.residualInputFields());
        List<Field> buildFields = node.build().fields();
        this.build = MaterializedSource.concatenate(MaterializedSource.collect(buildSource, context),
                buildFields.stream().map(field -> VectorKind.of(field.type())).toList());
        this.buildRows = build.rowCount();
        this.probeKinds = node.probe().fields().stream().map(field -> VectorKind.of(field.type())).toList();
        this.buildKeys = new Vector[keys.size()];
        this.keyKinds = new VectorKind[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            buildKeys[k] = build.column(keys.get(k).build());
            keyKinds[k] = VectorKind.of(buildFields.get(keys.get(k).build()).type());
        }
        this.buildMatched = kind == JoinKind.RIGHT || kind == JoinKind.FULL ? new boolean[buildRows] : null;
        context.checkCancelled();
        if (keys.isEmpty()) {
            this.table = null;
            this.chainHeads = null;
            this.chainNext = null;
            this.nullKeyRows = new int[0];
            return;
        }
        long[] hashes = new long[buildRows];
        KeyHashing.hash(buildKeys, buildRows, hashes);
        this.table = new KeyTable(keyKinds, buildRows);
        int[] keyOfRow = new int[buildRows];
        IntList nullRows = new IntList(16);
        for (int row = 0; row < buildRows; row++) {
            if ((row & 0xFFFF) == 0) {
                context.checkCancelled();
            }
            if (hasUnmatchableNull(buildKeys, row)) {
                keyOfRow[row] = -1;
                nullRows.add(row);
            } else {
                keyOfRow[row] = table.findOrInsert(buildKeys, row, hashes[row]);
            }
        }
        this.nullKeyRows = java.util.Arrays.copyOf(nullRows.array(), nullRows.size());
        this.chainHeads = new int[table.groupCount()];
        java.util.Arrays.fill(chainHeads, -1);
        this.chainNext = new int[buildRows];
        for (int row = buildRows - 1; row >= 0; row--) {
            int key = keyOfRow[row];
            if (key >= 0) {
                chainNext[row] = chainHeads[key];
                chainHeads[key] = row;
            }
        }
    }

    public static MorselSource run(HashJoin node, MorselSource probe, MorselSource build, QueryContext context) {
        HashJoinOperator join = new HashJoinOperator(node, build, context);
        int columns = node.fields().size();
        MorselSource streaming = new MorselSource() {
            @Override
            public int morselCount() {
                return probe.morselCount();
            }

            @Override
            public int columnCount() {
                return columns;
            }

            @Override
            public Batch morsel(int index) {
                return join.probe(probe.morsel(index));
            }
        };
        if (join.buildMatched == null) {
            return streaming;
        }
        List<Batch> batches = new ArrayList<>(MaterializedSource.collect(streaming, context));
        Batch unmatched = join.unmatchedBuildRows();
        if (unmatched.rowCount() > 0) {
            batches.add(unmatched);
        }
        return new MaterializedSource(batches, columns);
    }

    private boolean hasUnmatchableNull(Vector[] keyVectors, int row) {
        for (int k = 0; k < keyVectors.length; k++) {
            if (!keys.get(k).nullSafe() && keyVectors[k].isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** The candidates and matches of one probe batch. */
    private final class Probe {
        final Batch batch;
        final int rows;
        final boolean[] matched;
        final boolean[] comparedNull;
        final IntList outProbe;
        final IntList outBuild;
        final int[] chunkProbe = new int[CHUNK];
        final int[] chunkBuild = new int[CHUNK];
        int chunkSize;

        Probe(Batch batch) {
            this.batch = batch;
            this.rows = batch.rowCount();
            this.matched = new boolean[rows];
            this.comparedNull = kind == JoinKind.MARK ? new boolean[rows] : null;
            boolean pairs = kind.emitsBuildFields();
            this.outProbe = pairs ? new IntList(rows) : null;
            this.outBuild = pairs ? new IntList(rows) : null;
        }

        void candidate(int probeRow, int buildRow) {
            chunkProbe[chunkSize] = probeRow;
            chunkBuild[chunkSize] = buildRow;
            if (++chunkSize == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (chunkSize == 0) {
                return;
            }
            BooleanVector passed = residual == null ? null
                    : (BooleanVector) residual.evaluate(new JoinedBatch(batch, chunkProbe, build, chunkBuild, chunkSize));
            for (int k = 0; k < chunkSize; k++) {
                int probeRow = chunkProbe[k];
                int buildRow = chunkBuild[k];
                if (passed != null && !passed.isTrue(k)) {
                    if (comparedNull != null && passed.isNull(k)) {
                        comparedNull[probeRow] = true;
                    }
                    continue;
                }
                matched[probeRow] = true;
                if (outProbe != null) {
                    outProbe.add(probeRow);
                    outBuild.add(buildRow);
                }
                if (buildMatched != null) {
                    buildMatched[buildRow] = true;
                }
            }
            chunkSize = 0;
        }
    }

    private Batch probe(Batch batch) {
        int rows = batch.rowCount();
        Probe probe = new Probe(batch);
        boolean[] probeNullKey = null;
        if (rows > 0 && buildRows > 0) {
            if (keys.isEmpty()) {
                for (int row = 0; row < rows; row++) {
                    for (int buildRow = 0; buildRow < buildRows; buildRow++) {
                        probe.candidate(row, buildRow);
                    }
                }
            } else {
                Vector[] probeKeys = new Vector[keys.size()];
                for (int k = 0; k < probeKeys.length; k++) {
                    probeKeys[k] = batch.column(keys.get(k).probe());
                }
                long[] hashes = new long[rows];
                KeyHashing.hash(probeKeys, rows, hashes);
                boolean stopAtFirst = !kind.emitsBuildFields() && residual == null;
                for (int row = 0; row < rows; row++) {
                    if (hasUnmatchableNull(probeKeys, row)) {
                        if (probeNullKey == null) {
                            probeNullKey = new boolean[rows];
                        }
                        probeNullKey[row] = true;
                        continue;
                    }
                    int key = table.find(probeKeys, row, hashes[row]);
                    if (key < 0) {
                        continue;
                    }
                    if (stopAtFirst) {
                        probe.matched[row] = true;
                        continue;
                    }
                    for (int buildRow = chainHeads[key]; buildRow >= 0; buildRow = chainNext[buildRow]) {
                        probe.candidate(row, buildRow);
                    }
                }
            }
            probe.flush();
        }
        return switch (kind) {
            case INNER, RIGHT -> new JoinedBatch(batch, probe.outProbe.array(), build, probe.outBuild.array(),
                    probe.outProbe.size());
            case LEFT, FULL -> withUnmatchedProbeRows(probe);
            case SEMI, ANTI -> {
                boolean wanted = kind == JoinKind.SEMI;
                int[] selection = new int[rows];
                int count = 0;
                for (int row = 0; row < rows; row++) {
                    if (probe.matched[row] == wanted) {
                        selection[count++] = row;
                    }
                }
                yield batch.select(selection, count);
            }
            case MARK -> new AppendedBatch(batch, mark(probe, probeNullKey));
        };
    }

    private Batch withUnmatchedProbeRows(Probe probe) {
        IntList probeRows = new IntList(probe.outProbe.size() + probe.rows);
        IntList buildRowsOut = new IntList(probe.outProbe.size() + probe.rows);
        int pair = 0;
        int pairs = probe.outProbe.size();
        for (int row = 0; row < probe.rows; row++) {
            if (!probe.matched[row]) {
                probeRows.add(row);
                buildRowsOut.add(-1);
                continue;
            }
            while (pair < pairs && probe.outProbe.get(pair) == row) {
                probeRows.add(row);
                buildRowsOut.add(probe.outBuild.get(pair));
                pair++;
            }
        }
        return new JoinedBatch(probe.batch, probeRows.array(), build, buildRowsOut.array(), probeRows.size());
    }

    /**
     * TRUE for a match; else NULL when some build row compared NULL (a NULL key on either side that is not ruled out
     * by another key or by the residual being FALSE), else FALSE: SQL's IN.
     */
    private BooleanVector mark(Probe probe, boolean[] probeNullKey) {
        int rows = probe.rows;
        boolean[] values = new boolean[rows];
        boolean[] nulls = null;
        for (int row = 0; row < rows; row++) {
            if (probe.matched[row]) {
                values[row] = true;
                continue;
            }
            boolean isNull = probe.comparedNull != null && probe.comparedNull[row];
            if (!isNull && buildRows > 0 && !keys.isEmpty()) {
                boolean nullKey = probeNullKey != null && probeNullKey[row];
                if (nullKey || nullKeyRows.length > 0) {
                    isNull = comparesNull(probe.batch, row, nullKey);
                }
            }
            if (isNull) {
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                nulls[row] = true;
            }
        }
        return new BooleanVector(values, nulls, rows);
    }

    /** Whether some build row's key comparison with this probe row is NULL and the residual does not make it FALSE. */
    private boolean comparesNull(Batch batch, int probeRow, boolean probeHasNullKey) {
        Vector[] probeKeys = new Vector[keys.size()];
        for (int k = 0; k < probeKeys.length; k++) {
            probeKeys[k] = batch.column(keys.get(k).probe());
        }
        IntList candidates = new IntList(16);
        int total = probeHasNullKey ? buildRows : nullKeyRows.length;
        for (int i = 0; i < total; i++) {
            int buildRow = probeHasNullKey ? i : nullKeyRows[i];
            if (keyComparisonIsNull(probeKeys, probeRow, buildRow)) {
                if (residual == null) {
                    return true;
                }
                candidates.add(buildRow);
            }
        }
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            int count = Math.min(CHUNK, candidates.size() - from);
            int[] probeRows = new int[count];
            java.util.Arrays.fill(probeRows, probeRow);
            int[] buildRowsChunk = java.util.Arrays.copyOfRange(candidates.array(), from, from + count);
            BooleanVector result = (BooleanVector) residual.evaluate(new JoinedBatch(batch, probeRows, build,
                    buildRowsChunk, count));
            for (int k = 0; k < count; k++) {
                if (result.isNull(k) || result.values()[k]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The conjunction of key equalities is NULL: no pair is unequal and some plain (not null-safe) pair has a NULL. */
    private boolean keyComparisonIsNull(Vector[] probeKeys, int probeRow, int buildRow) {
        boolean sawNull = false;
        for (int k = 0; k < keys.size(); k++) {
            boolean probeNull = probeKeys[k].isNull(probeRow);
            boolean buildNull = buildKeys[k].isNull(buildRow);
            if (keys.get(k).nullSafe()) {
                if (probeNull != buildNull
                        || !probeNull && !VectorEquality.equal(probeKeys[k], probeRow, buildKeys[k], buildRow)) {
                    return false;
                }
            } else if (probeNull || buildNull) {
                sawNull = true;
            } else if (!VectorEquality.equal(probeKeys[k], probeRow, buildKeys[k], buildRow)) {
                return false;
            }
        }
        return sawNull;
    }

    private Batch unmatchedBuildRows() {
        IntList rows = new IntList(16);
        for (int row = 0; row < buildRows; row++) {
            if (!buildMatched[row]) {
                rows.add(row);
            }
        }
        int count = rows.size();
        Vector[] emptyProbe = new Vector[probeKinds.size()];
        for (int c = 0; c < emptyProbe.length; c++) {
            emptyProbe[c] = Vectors.empty(probeKinds.get(c));
        }
        int[] noProbeRows = new int[count];
        java.util.Arrays.fill(noProbeRows, -1);
        return MaterializedBatch.of(new JoinedBatch(new MaterializedBatch(emptyProbe, 0), noProbeRows, build,
                rows.array(), count));
    }
}
