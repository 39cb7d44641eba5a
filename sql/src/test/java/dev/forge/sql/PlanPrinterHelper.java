package dev.forge.sql;

import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;

/** Small structural questions tests ask of plans. */
final class PlanPrinterHelper {
    private PlanPrinterHelper() {
    }

    /** Whether the node produces exactly one row because it is (a projection of) an aggregate without keys. */
    static boolean hasUngroupedAggregate(PlanNode node) {
        return switch (node) {
            case HashAggregate aggregate -> aggregate.groupKeys().isEmpty();
            case dev.forge.plan.Project project -> hasUngroupedAggregate(project.input());
            default -> false;
        };
    }
}
