package dev.forge.executor.gpu.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the columns of a staged kernel (see {@link StagedJoinGenerator}) for all of a thread's items at once, ahead of
 * the stage that first reads them, into per-item register arrays ({@code <array>_t[item]}): scan columns, and, in the
 * last stage (after every join has bound its build row), build columns. Loading the items
 * one after the other inside the stages would put a memory latency per item and column on the thread's path; loaded
 * together, they overlap. A stage's loads are predicated on its condition (the items still alive), as Crystal's
 * predicated tile loads: a 32-byte sector that no live item of a warp needs is never fetched.
 *
 * <p>Which columns a stage reads is only known once its code is written, so each stage leaves a placeholder line and
 * {@link #expand} replaces it with the loads when the kernel's text is complete.
 */
final class TilePrefetch {
    private static final String PLACEHOLDER = "// forge-prefetch ";
    private static final Pattern PLACEHOLDER_LINE = Pattern.compile("(?m)^( *)" + PLACEHOLDER + "(\\d+)$");

    private record Load(String registerType, String expression) {
    }

    private final List<String> conditions = new ArrayList<>();
    private final List<Map<String, Load>> loadsByStage = new ArrayList<>();
    private final Set<String> loaded = new HashSet<>();
    private boolean active;
    private boolean joinsBound;

    /**
     * Starts a stage whose items are those where {@code condition} holds (a C expression of {@code row} and
     * {@code item}); returns its placeholder line, to be written where its loads go (at the tile's top level).
     */
    String beginStage(String condition) {
        return beginStage(condition, false);
    }

    /** As {@link #beginStage(String)}, for the stage after the joins, which may load build columns too. */
    String beginLastStage(String condition) {
        return beginStage(condition, true);
    }

    private String beginStage(String condition, boolean last) {
        joinsBound = last;
        conditions.add(condition);
        loadsByStage.add(new LinkedHashMap<>());
        active = true;
        return PLACEHOLDER + (conditions.size() - 1);
    }

    /**
     * Stops serving loads: code written next loads its columns itself (a materialisation's rows, the deferred rows'
     * nested code).
     */
    void suspend() {
        active = false;
    }

    boolean active() {
        return active;
    }

    /** Whether build columns load here: in the last stage, where every INNER join has bound its row. */
    boolean loadsBuildColumns() {
        return active && joinsBound;
    }

    /**
     * The current item's value from {@code array}, whose load {@code load} (a C expression of {@code row} and
     * {@code item}) joins the current stage's loads unless an earlier stage loads it.
     */
    String value(String array, String registerType, String load) {
        if (loaded.add(array)) {
            loadsByStage.getLast().put(array, new Load(registerType, load));
        }
        return array + "_t[item]";
    }

    /** The kernel text with each stage's placeholder replaced by its loads. */
    String expand(String source) {
        Matcher matcher = PLACEHOLDER_LINE.matcher(source);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            int stage = Integer.parseInt(matcher.group(2));
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(loads(stage, matcher.group(1))));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    private String loads(int stage, String indent) {
        Map<String, Load> loads = loadsByStage.get(stage);
        if (loads.isEmpty()) {
            return indent + "// stage " + stage + " reads no column an earlier stage did not load";
        }
        CodeWriter code = new CodeWriter();
        loads.forEach((array, load) -> code.line(load.registerType() + " " + array + "_t[FORGE_ITEMS_PER_THREAD];"));
        KernelGenerator.openItemLoop(code);
        code.line("const bool load = " + conditions.get(stage) + ";");
        loads.forEach((array, load) -> code.line(array + "_t[item] = load ? " + load.expression() + " : ("
                + load.registerType() + ")0;"));
        code.close();
        return code.toString().stripTrailing().lines().map(line -> indent + line)
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
    }
}
