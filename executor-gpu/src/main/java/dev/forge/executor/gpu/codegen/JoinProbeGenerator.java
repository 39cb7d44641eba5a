package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.JoinKind;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the hash joins of a pipeline: inside the probing kernel, per join, the lookup of the row's key and a loop over
 * the matching build rows (INNER: the rest of the kernel runs once per match, in nested scopes; SEMI and ANTI: the
 * loop only decides whether a match exists), and, per join, the small kernel that inserts the build rows into the hash
 * table. A NULL key that is not null-safe matches nothing, on either side; the residual is part of the match.
 */
final class JoinProbeGenerator {
    private final Pipeline pipeline;
    private final CodeWriter body;
    private final ExpressionGenerator expressions;
    private final ParameterList parameters;
    /** Per open scope, innermost last: a line to write before its closing brace, or "" for none. */
    private final java.util.ArrayDeque<String> openScopes = new java.util.ArrayDeque<>();

    JoinProbeGenerator(Pipeline pipeline, CodeWriter body, ExpressionGenerator expressions, ParameterList parameters) {
        this.pipeline = pipeline;
        this.body = body;
        this.expressions = expressions;
        this.parameters = parameters;
    }

    /** The 64-bit words of a join's key in its hash table: one per key, then a NULL mask if any key is null-safe. */
    static int keyWords(JoinStage join) {
        if (join.probeKeys().size() > 63) {
            throw new UnsupportedOnGpuException("joins on more than 63 keys are not supported on the GPU");
        }
        return join.probeKeys().size() + (join.nullSafe().contains(Boolean.TRUE) ? 1 : 0);
    }

    /**
     * Opens, for a row selected by {@code selected} (whose evaluation raised {@code predicateError}), the scopes in which
     * each join has bound a build row (INNER) or found that a match exists (SEMI) or not (ANTI), and the joined row
     * passed the filters after each join. Code written next runs once per joined row; {@link #close} ends the scopes.
     */
    void open(String selected, String predicateError) {
        raise(predicateError);
        openScope("if (" + selected + ")");
        for (int j = 0; j < pipeline.joins().size(); j++) {
            probe(j, pipeline.joins().get(j));
        }
    }

    void close() {
        while (!openScopes.isEmpty()) {
            String trailer = openScopes.removeLast();
            if (!trailer.isEmpty()) {
                body.line(trailer);
            }
            body.close();
        }
    }

    private void openScope(String line) {
        openScope(line, "");
    }

    private void openScope(String line, String trailer) {
        body.open(line);
        openScopes.addLast(trailer);
    }

    void raise(String error) {
        if (!error.equals(GeneratedValue.FALSE)) {
            body.open("if (" + error + ")");
            body.line("forge_raise(status, FORGE_ERROR_ARITHMETIC);");
            body.close();
        }
    }

    /** A probe row's key words for join {@code j} and when the key can match at all (no NULL where not null-safe). */
    record ProbeKey(List<String> words, String comparable) {
    }

    /**
     * Declares join {@code j}'s parameters and evaluates its probe key for the current row, raising the key's errors
     * (the caller's scope decides for which rows).
     */
    ProbeKey probeKey(int j, JoinStage join) {
        parameters.add(new KernelParameter.JoinRows(j));
        parameters.add(new KernelParameter.JoinKeys(j));
        parameters.add(new KernelParameter.JoinLinks(j));
        parameters.add(new KernelParameter.JoinCapacity(j));
        List<GeneratedValue> keys = expressions.generateAll(join.probeKeys());
        raise(ExpressionGenerator.anyError(keys));
        String comparable = GeneratedValue.TRUE;
        List<String> words = new ArrayList<>();
        String nullMask = "0ULL";
        for (int k = 0; k < keys.size(); k++) {
            GeneratedValue key = keys.get(k);
            String word = CudaTypes.keyWord(join.probeKeys().get(k).type(), key.value());
            if (join.nullSafe().get(k)) {
                words.add(key.canBeNull() ? "(" + key.valid() + " ? " + word + " : 0ULL)" : word);
                if (key.canBeNull()) {
                    nullMask += " | (" + key.valid() + " ? 0ULL : " + (1L << k) + "ULL)";
                }
            } else {
                comparable = CodeWriter.and(comparable, key.valid());
                words.add(word);
            }
        }
        if (words.size() < keyWords(join)) {
            words.add(nullMask);
        }
        return new ProbeKey(words, comparable);
    }

    private void probe(int j, JoinStage join) {
        ProbeKey probeKey = probeKey(j, join);
        List<String> words = probeKey.words();
        String comparable = probeKey.comparable();
        String prefix = "join" + j;
        String key = prefix + "_key";
        String slot = prefix + "_slot";
        String row = ExpressionGenerator.buildRow(j);
        if (join.kind() == JoinKind.LEFT) {
            probeLeft(join, prefix, key, slot, row, comparable, words);
            return;
        }
        boolean pairs = join.kind() == JoinKind.INNER;
        String matched = prefix + "_matched";
        if (!pairs) {
            body.line("bool " + matched + " = false;");
        }
        Map<Integer, GeneratedValue> loadedBefore = expressions.loadedColumns();
        // a NULL key that is not null-safe matches nothing: such a row never looks
        body.open("if (" + comparable + ")");
        body.line("const u64 " + key + "[" + words.size() + "] = {" + String.join(", ", words) + "};");
        body.line("const u64 " + prefix + "_mask = (u64)" + prefix + "_capacity - 1;");
        openSlotLoop(prefix, key, slot);
        body.line("if (!" + prefix + "_same) continue;");
        // the key's one slot: its chain holds every build row of the key
        if (pairs) {
            String link = prefix + "_link";
            openScopes.addLast(""); // the comparable key
            openScopes.addLast("break; // no other slot holds the key"); // the slot loop
            openScope("for (u64 " + link + " = " + prefix + "_head;; " + link + " = " + prefix
                    + "_links[FORGE_LINK_ROW(" + link + ")])", "if ((" + link + " & FORGE_MORE_ROWS) == 0) break;");
            body.line("const u64 " + row + " = FORGE_LINK_ROW(" + link + ");");
            if (join.residual() != null) {
                openScope("if (" + passes(join.residual()) + ")");
            }
        } else {
            searchChain(j, join, prefix + "_head", matched);
            body.line("break; // no other slot holds the key");
            body.close(); // slot loop
            body.close(); // comparable key
            expressions.restoreLoadedColumns(loadedBefore); // what the loop loaded is out of scope now
            openScope("if (" + (join.kind() == JoinKind.SEMI ? matched : "!" + matched) + ")");
        }
        filterAfter(join);
    }

    /**
     * Walks join {@code j}'s chain from the link {@code head} (not FORGE_NO_ROW), setting {@code matched} at the first
     * build row that passes the residual (the first row, without one): what a SEMI or ANTI join asks of a key.
     */
    void searchChain(int j, JoinStage join, String head, String matched) {
        String link = "join" + j + "_link";
        body.open("for (u64 " + link + " = " + head + ";; " + link + " = join" + j + "_links[FORGE_LINK_ROW(" + link
                + ")])");
        body.line("const u64 " + ExpressionGenerator.buildRow(j) + " = FORGE_LINK_ROW(" + link + ");");
        Map<Integer, GeneratedValue> loadedBefore = expressions.loadedColumns();
        String passes = join.residual() == null ? GeneratedValue.TRUE : passes(join.residual());
        body.open("if (" + passes + ")");
        body.line(matched + " = true;");
        body.line("break;");
        body.close();
        expressions.restoreLoadedColumns(loadedBefore); // the loop's loads are out of scope after it
        body.line("if ((" + link + " & FORGE_MORE_ROWS) == 0) break;");
        body.close();
    }

    private void filterAfter(JoinStage join) {
        if (!join.conjunctsAfter().isEmpty()) {
            openScope("if (" + passes(ExpressionGenerator.conjunction(join.conjunctsAfter())) + ")");
        }
    }

    /**
     * A LEFT join: the loop binds each matching build row (the key equal, the residual TRUE) and then, when none
     * matched, once more FORGE_NO_ROW, for which every build field reads as NULL; the rest of the kernel runs inside.
     * Its first pass finds the key's slot; each pass takes the next row of the slot's chain.
     */
    private void probeLeft(JoinStage join, String prefix, String key, String slot, String row, String comparable,
            List<String> words) {
        String matched = prefix + "_matched";
        String searching = prefix + "_searching";
        String link = prefix + "_link";
        String head = prefix + "_head";
        String real = prefix + "_real";
        body.line("const u64 " + key + "[" + words.size() + "] = {" + String.join(", ", words) + "};");
        body.line("const u64 " + prefix + "_mask = (u64)" + prefix + "_capacity - 1;");
        body.line("u64 " + link + " = FORGE_NO_ROW; // the next row of the key's chain");
        body.line("bool " + matched + " = false;");
        // a NULL key that is not null-safe matches nothing: its row goes straight to the unmatched pass
        body.line("bool " + searching + " = " + comparable + ";");
        openScope("for (;;)", "if (!" + real + ") break; // the unmatched pass runs once");
        body.open("if (" + searching + ")");
        body.line(searching + " = false;");
        openSlotLoop(prefix, key, slot);
        body.open("if (" + prefix + "_same)");
        body.line(link + " = " + head + ";");
        body.line("break;");
        body.close();
        body.close(); // slot loop
        body.close(); // searching
        body.line("u64 " + row + " = FORGE_NO_ROW;");
        body.open("if (" + link + " != FORGE_NO_ROW)");
        body.line(row + " = FORGE_LINK_ROW(" + link + ");");
        body.line(link + " = (" + link + " & FORGE_MORE_ROWS) != 0 ? " + prefix + "_links[" + row
                + "] : FORGE_NO_ROW;");
        body.close();
        body.line("else if (" + matched + ") break;");
        body.line("const bool " + real + " = " + row + " != FORGE_NO_ROW;");
        if (join.residual() != null) {
            GeneratedValue value = expressions.generate(join.residual());
            raise(CodeWriter.and(real, value.error()));
            body.line("if (" + real + " && !" + parenthesised(CodeWriter.and(value.valid(), value.value()))
                    + ") continue;");
        }
        body.line("if (" + real + ") " + matched + " = true;");
        filterAfter(join);
    }

    /**
     * Opens the loop over the slots from the key's hash: each pass reads the slot's link ({@code <prefix>_head}) and
     * whether its key words equal the probe's ({@code <prefix>_same}), and an empty slot ends the loop.
     */
    private void openSlotLoop(String prefix, String key, String slot) {
        body.open("for (u64 " + slot + " = forge_join_hash(" + key + ") & " + prefix + "_mask;; " + slot + " = ("
                + slot + " + 1) & " + prefix + "_mask)");
        body.line("const u64 " + prefix + "_head = " + prefix + "_rows[" + slot + "];");
        // the key words load beside the link, not after the link's test: one memory latency per slot, not two
        body.line("const bool " + prefix + "_same = " + keyEquals(prefix, key, slot) + ";");
        body.line("if (" + prefix + "_head == FORGE_NO_ROW) break;");
    }

    /** Whether the key words in the slot equal the probe's; an empty slot's words are garbage, so callers test its row. */
    static String keyEquals(String prefix, String key, String slot) {
        return "forge_join_key_equals(" + prefix + "_keys, " + prefix + "_capacity, " + slot + ", " + key + ")";
    }

    static String parenthesised(String condition) {
        return condition.startsWith("(") || condition.matches("[A-Za-z0-9_]+") ? condition : "(" + condition + ")";
    }

    /** Evaluates a condition, raising its error; returns the C expression that is true where it is TRUE. */
    String passes(Expr condition) {
        GeneratedValue value = expressions.generate(condition);
        raise(value.error());
        return CodeWriter.and(value.valid(), value.value());
    }

    /**
     * The kernel that inserts join {@code j}'s materialised build rows into its hash table. Parameters, in order: the
     * build row count, per key its build column's values (and validity bytes where the column is nullable), the
     * table's row, key and link arrays, its capacity, and the count of slots it claims (zero before the launch).
     */
    static String buildKernel(int j, JoinStage join) {
        List<Expr> columns = ((PipelineSink.Materialization) join.build().sink()).columns();
        StringBuilder signature = new StringBuilder("const i64 build_rows");
        CodeWriter code = new CodeWriter();
        code.indent(1);
        code.line("u64 claims = 0;");
        code.open("for (i64 row = (i64)blockIdx.x * FORGE_BLOCK_THREADS + threadIdx.x; row < build_rows;"
                + " row += (i64)gridDim.x * FORGE_BLOCK_THREADS)");
        String comparable = GeneratedValue.TRUE;
        List<String> words = new ArrayList<>();
        String nullMask = "0ULL";
        for (int k = 0; k < join.buildKeys().size(); k++) {
            Expr column = columns.get(join.buildKeys().get(k));
            DataType type = column.type();
            signature.append(", const ").append(CudaTypes.materialized(type)).append("* __restrict__ key").append(k);
            code.line("const " + CudaTypes.register(type) + " value" + k + " = "
                    + CudaTypes.loadMaterialized(type, "key" + k, "row") + ";");
            String word = CudaTypes.keyWord(type, "value" + k);
            String valid = GeneratedValue.TRUE;
            if (column.nullable()) {
                signature.append(", const unsigned char* __restrict__ key").append(k).append("_valid");
                valid = "valid" + k;
                code.line("const bool " + valid + " = key" + k + "_valid[row] != 0;");
            }
            if (join.nullSafe().get(k)) {
                words.add(valid.equals(GeneratedValue.TRUE) ? word : "(" + valid + " ? " + word + " : 0ULL)");
                if (!valid.equals(GeneratedValue.TRUE)) {
                    nullMask += " | (" + valid + " ? 0ULL : " + (1L << k) + "ULL)";
                }
            } else {
                comparable = CodeWriter.and(comparable, valid);
                words.add(word);
            }
        }
        if (words.size() < keyWords(join)) {
            words.add(nullMask);
        }
        if (!comparable.equals(GeneratedValue.TRUE)) {
            code.line("if (!" + comparable + ") continue; // a NULL key that is not null-safe matches nothing");
        }
        code.line("const u64 key[" + words.size() + "] = {" + String.join(", ", words) + "};");
        code.line("claims += forge_join_insert(rows, keys, links, capacity, key, (u64)row);");
        code.close();
        code.line("forge_join_count_claims(claims, claimed);");
        return "extern \"C\" __global__ void __launch_bounds__(FORGE_BLOCK_THREADS)\n"
                + GeneratedKernel.joinBuildKernel(j) + "(" + signature
                + ", u64* __restrict__ rows, u64* __restrict__ keys, u64* __restrict__ links, const i64 capacity,"
                + " unsigned long long* __restrict__ claimed) {\n"
                + code + "}\n";
    }
}
