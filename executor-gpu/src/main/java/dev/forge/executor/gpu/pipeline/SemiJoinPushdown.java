package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a SEMI join (without residual) below the INNER join under it, to the side its keys come from: an INNER join's
 * row passes the SEMI exactly when the side holding the keys does. TPC-H Q18 probes its 624 large orders (a SEMI on
 * o_orderkey) after joining every lineitem row with orders, which on the GPU probes a hash table of all 15M orders
 * (SF 10) 60M times; with the SEMI on the orders side, the build side holds those 624 orders and the lineitem rows
 * probe a table that stays in cache. Projections between the two joins are kept, and the fields do not change.
 */
final class SemiJoinPushdown {
    private SemiJoinPushdown() {
    }

    /** {@code plan} with every SEMI join that can move below an INNER join moved; the same nodes elsewhere. */
    static PlanNode apply(PlanNode plan) {
        return JoinRewrites.bottomUp(plan, SemiJoinPushdown::pushedDown);
    }

    /** {@code join} (its inputs already rewritten) moved below the INNER join under it where it can be. */
    private static PlanNode pushedDown(HashJoin join) {
        if (join.kind() != JoinKind.SEMI || join.residual() != null || join.keys().isEmpty()) {
            return join;
        }
        PlanNode pushed = pushed(join.probe(), join.keys().stream().map(JoinKey::probe).toList(), join.build(),
                join.keys());
        return pushed == null ? join : pushed;
    }

    /**
     * {@code node} (the SEMI join's probe side) with the SEMI join against {@code build} moved into the side of the
     * INNER join under its projections that {@code fields} (the keys' probe fields in {@code node}) come from; null
     * where there is no such INNER join or the keys come from both sides or from computed fields.
     */
    private static PlanNode pushed(PlanNode node, List<Integer> fields, PlanNode build, List<JoinKey> keys) {
        switch (node) {
            case Project project -> {
                List<Integer> below = JoinRewrites.fieldsBelow(project, fields);
                PlanNode input = below == null ? null : pushed(project.input(), below, build, keys);
                return input == null ? null : new Project(input, project.expressions(), project.names());
            }
            case HashJoin inner when inner.kind() == JoinKind.INNER -> {
                int probeFields = inner.probe().fields().size();
                boolean allProbe = fields.stream().allMatch(field -> field < probeFields);
                boolean allBuild = fields.stream().allMatch(field -> field >= probeFields);
                if (!allProbe && !allBuild) {
                    return null;
                }
                List<JoinKey> moved = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    int field = allProbe ? fields.get(k) : fields.get(k) - probeFields;
                    moved.add(new JoinKey(field, keys.get(k).build(), keys.get(k).nullSafe()));
                }
                PlanNode side = allProbe ? inner.probe() : inner.build();
                PlanNode semi = pushedDown(new HashJoin(side, build, JoinKind.SEMI, moved, null)); // further, if it can
                return allProbe ? new HashJoin(semi, inner.build(), JoinKind.INNER, inner.keys(), inner.residual())
                        : new HashJoin(inner.probe(), semi, JoinKind.INNER, inner.keys(), inner.residual());
            }
            default -> {
                return null;
            }
        }
    }
}
