package dev.forge.executor.gpu.codegen;

import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.plan.JoinKind;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.Map;

/**
 * Writes a pipeline's scan filter and joins as stages over all of a thread's items (Crystal's tile style), for
 * pipelines whose joins are INNER, SEMI or ANTI. Each stage runs over the items still {@code live}: its columns load
 * for all of them first ({@link TilePrefetch}), then each item computes its key and reads its first slot, then each
 * item settles its match. The loads of a stage are independent across items, so a thread waits one memory latency per
 * stage instead of one per item and stage: with the rows nested one item at a time, as {@link JoinProbeGenerator}
 * writes them, every item of every warp waited the whole chain of its probes in turn.
 *
 * <p>Where an INNER join's key has several build rows (the chain goes on), the item leaves the stages as
 * {@code deferred}; the caller runs such items through the nested code of {@link JoinProbeGenerator}, which walks
 * every match, from their scan filter on. A deferred item has emitted nothing before, so no row counts twice.
 */
final class StagedJoinGenerator {
    /**
     * A diagnostic switch: {@code -Dforge.gpu.stagedJoins=false} writes every join nested, as before the stages, to
     * compare the two on a GPU (kernels are cached by their source, so each setting compiles its own).
     */
    static final String PROPERTY = "forge.gpu.stagedJoins";

    private final Pipeline pipeline;
    private final CodeWriter body;
    private final ExpressionGenerator expressions;
    private final JoinProbeGenerator joins;
    private final TilePrefetch prefetch = new TilePrefetch();

    StagedJoinGenerator(Pipeline pipeline, CodeWriter body, ExpressionGenerator expressions, JoinProbeGenerator joins) {
        this.pipeline = pipeline;
        this.body = body;
        this.expressions = expressions;
        this.joins = joins;
    }

    /** Whether the pipeline's joins can be staged: a LEFT join's unmatched pass stays nested. */
    static boolean applies(Pipeline pipeline) {
        return !pipeline.joins().isEmpty() && pipeline.joins().stream().noneMatch(join -> join.kind() == JoinKind.LEFT)
                && !"false".equals(System.getProperty(PROPERTY));
    }

    /** The current item's build row of INNER join {@code join}, bound by its stage. */
    static String bound(int join) {
        return "join" + join + "_bound[item]";
    }

    /** The kernel text with the stages' column loads in place (see {@link TilePrefetch#expand}). */
    String expand(String source) {
        return prefetch.expand(source);
    }

    /**
     * Inside the tile loop: the scan filter and every join, as stages. Afterwards {@code live[item]} says whether the
     * item's row passed them all (with its build rows in {@code join<j>_bound[item]}), bit {@code item} of {@code
     * deferred_items} whether it needs the nested code.
     */
    void writeStages() {
        expressions.loadThrough(prefetch);
        body.line("bool live[FORGE_ITEMS_PER_THREAD];");
        body.line("unsigned deferred_items = 0u; // bit per item the nested code runs");
        body.line(prefetch.beginStage("row < row_count"));
        openItems(0);
        body.line("live[item] = false;");
        body.open("if (row < row_count)");
        if (pipeline.conjuncts().isEmpty()) {
            body.line("live[item] = true;");
        } else {
            GeneratedValue selection = expressions.generate(ExpressionGenerator.conjunction(pipeline.conjuncts()));
            joins.raise(selection.error());
            body.line("live[item] = " + CodeWriter.and(selection.valid(), selection.value()) + ";");
        }
        body.close();
        body.close();
        for (int j = 0; j < pipeline.joins().size(); j++) {
            writeJoin(j, pipeline.joins().get(j));
        }
    }

    /**
     * Opens the loop over the live items, with {@code row} and each INNER join's {@code join<j>_row} bound: code written
     * next runs once per joined row, which every lane of a warp leaves together. {@link #closeItems} ends it. With
     * {@code loadAhead}, the columns it reads first load for all live items (scan and build columns); without, in place,
     * item by item, as the nested code does. A materialisation reads many columns, and holding each for every item
     * takes registers from the stages, which do most of the work. Measured on the H100 at SSB SF 20: Q4.3 (whose first
     * pipeline materialises 12 columns of the 0.05% of rows its joins keep) took 2.4 ms of kernels nested, 4.3 ms
     * staged with the columns loaded ahead (1d052dc) and 4.1 ms with them in place (620bd7f, another run): loading in
     * place did not win its loss back, whose cause is not known (not profiled).
     */
    void openLiveItems(boolean loadAhead) {
        if (loadAhead) {
            body.line(prefetch.beginLastStage("live[item]"));
        } else {
            prefetch.suspend();
            expressions.loadThrough(null);
        }
        openItems(pipeline.joins().size());
    }

    /** Opens the scope, inside {@link #openLiveItems}' loop, that runs for a live item. */
    void openLiveRow() {
        body.open("if (live[item])");
    }

    /**
     * Opens the loop over the deferred items, whose code (the nested joins) loads its columns in place: only the stages'
     * items have them in registers. It is not unrolled, and visits only the items whose bit is set: the nested code is
     * long and rarely runs (dimension tables' keys are unique), and written once per item it made SSB Q3.1's kernel
     * wait on instruction fetches (ncu, H100, SF 5).
     */
    void openDeferredItems() {
        prefetch.suspend();
        expressions.loadThrough(null);
        body.open("for (unsigned pending = deferred_items; pending != 0u; pending &= pending - 1u)");
        body.line("const int item = __ffs(pending) - 1;");
        KernelGenerator.declareItemRow(body);
    }

    void closeItems() {
        body.close();
    }

    void closeDeferredItems() {
        body.close();
    }

    /**
     * Opens an unrolled loop over the items with {@code row} and the build rows of the INNER joins before
     * {@code joinsBefore} bound, and forgets loaded columns (each loop is a scope of its own).
     */
    private void openItems(int joinsBefore) {
        KernelGenerator.openItemLoop(body);
        for (int j = 0; j < joinsBefore; j++) {
            if (pipeline.joins().get(j).kind() == JoinKind.INNER) {
                body.line("const u64 " + ExpressionGenerator.buildRow(j) + " = " + bound(j) + ";");
            }
        }
        expressions.beginRow();
    }

    /**
     * Join {@code j} as a stage: first every live item computes its key and reads the key's first slot (loads that
     * overlap across items), then every item walks on where that slot held another key, and settles its match.
     */
    private void writeJoin(int j, JoinStage join) {
        String prefix = "join" + j;
        int words = JoinProbeGenerator.keyWords(join);
        body.line(prefetch.beginStage("live[item]"));
        if (join.kind() == JoinKind.INNER) {
            body.line("u64 " + prefix + "_bound[FORGE_ITEMS_PER_THREAD];");
        }
        body.line("u64 " + prefix + "_first[FORGE_ITEMS_PER_THREAD];");
        body.line("u64 " + prefix + "_head_t[FORGE_ITEMS_PER_THREAD];");
        body.line("bool " + prefix + "_same_t[FORGE_ITEMS_PER_THREAD];");
        body.line("u64 " + prefix + "_key_t[FORGE_ITEMS_PER_THREAD][" + words + "];");
        body.line("const u64 " + prefix + "_mask = (u64)" + prefix + "_capacity - 1;");
        openItems(j);
        if (join.kind() == JoinKind.INNER) {
            body.line(bound(j) + " = 0ULL;");
        }
        body.line(prefix + "_first[item] = 0ULL;");
        body.line(prefix + "_head_t[item] = FORGE_NO_ROW;");
        body.line(prefix + "_same_t[item] = false;");
        body.open("if (live[item])");
        JoinProbeGenerator.ProbeKey key = joins.probeKey(j, join);
        // a NULL key that is not null-safe matches nothing: its slot stays empty
        body.open("if (" + key.comparable() + ")");
        body.line("const u64 " + prefix + "_key[" + words + "] = {" + String.join(", ", key.words()) + "};");
        body.line("const u64 " + prefix + "_slot = forge_join_hash(" + prefix + "_key) & " + prefix + "_mask;");
        body.line("#pragma unroll");
        body.line("for (int k = 0; k < " + words + "; ++k) " + prefix + "_key_t[item][k] = " + prefix + "_key[k];");
        body.line(prefix + "_first[item] = " + prefix + "_slot;");
        body.line(prefix + "_head_t[item] = " + prefix + "_rows[" + prefix + "_slot];");
        body.line(prefix + "_same_t[item] = " + JoinProbeGenerator.keyEquals(prefix, prefix + "_key", prefix + "_slot")
                + ";");
        body.close();
        body.close();
        body.close();

        openItems(j);
        body.open("if (live[item])");
        String head = prefix + "_head";
        body.line("u64 " + head + " = " + prefix + "_head_t[item];");
        body.open("if (" + head + " != FORGE_NO_ROW && !" + prefix + "_same_t[item])");
        body.line("const u64 " + prefix + "_key[" + words + "] = {" + keyWordsOf(prefix, words) + "};");
        String slot = prefix + "_slot";
        body.open("for (u64 " + slot + " = (" + prefix + "_first[item] + 1) & " + prefix + "_mask;; " + slot + " = ("
                + slot + " + 1) & " + prefix + "_mask)");
        body.line(head + " = " + prefix + "_rows[" + slot + "];");
        body.line("if (" + head + " == FORGE_NO_ROW || " + JoinProbeGenerator.keyEquals(prefix, prefix + "_key", slot)
                + ") break;");
        body.close();
        body.close();
        if (join.kind() == JoinKind.INNER) {
            settleInner(j, join, head);
        } else {
            settleSemiOrAnti(j, join, head);
        }
        body.close(); // live
        body.close(); // items
    }

    private static String keyWordsOf(String prefix, int words) {
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < words; k++) {
            list.append(k == 0 ? "" : ", ").append(prefix).append("_key_t[item][").append(k).append(']');
        }
        return list.toString();
    }

    /** An INNER join keeps the item with its one build row; a key with more rows defers it to the nested code. */
    private void settleInner(int j, JoinStage join, String head) {
        String row = ExpressionGenerator.buildRow(j);
        body.open("if (" + head + " == FORGE_NO_ROW)");
        body.line("live[item] = false;");
        body.close();
        body.open("else if ((" + head + " & FORGE_MORE_ROWS) != 0)");
        body.line("live[item] = false;");
        body.line("deferred_items |= 1u << item;");
        body.close();
        body.open("else");
        body.line("const u64 " + row + " = " + head + ";");
        body.line(bound(j) + " = " + row + ";");
        if (join.residual() != null) {
            String passes = joins.passes(join.residual());
            body.line("if (!" + JoinProbeGenerator.parenthesised(passes) + ") live[item] = false;");
        }
        filterAfter(join);
        body.close();
    }

    /** A SEMI or ANTI join keeps the item where some build row of its key passes the residual (SEMI) or none does. */
    private void settleSemiOrAnti(int j, JoinStage join, String head) {
        String matched = "join" + j + "_matched";
        if (join.residual() == null) {
            body.line("const bool " + matched + " = " + head + " != FORGE_NO_ROW;");
        } else {
            body.line("bool " + matched + " = false;");
            body.open("if (" + head + " != FORGE_NO_ROW)");
            joins.searchChain(j, join, head, matched);
            body.close();
        }
        body.line("live[item] = " + (join.kind() == JoinKind.SEMI ? matched : "!" + matched) + ";");
        if (!join.conjunctsAfter().isEmpty()) {
            body.open("if (live[item])");
            filterAfter(join);
            body.close();
        }
    }

    private void filterAfter(JoinStage join) {
        List<Expr> after = join.conjunctsAfter();
        if (!after.isEmpty()) {
            String passes = joins.passes(ExpressionGenerator.conjunction(after));
            body.line("if (!" + JoinProbeGenerator.parenthesised(passes) + ") live[item] = false;");
        }
    }
}
