package dev.forge.sql;

import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void dump() {
        boolean ssb = Boolean.getBoolean("ssb");
        SqlPlanner planner = new SqlPlanner(ssb ? BenchmarkCatalog.ssb() : BenchmarkCatalog.tpch());
        for (String q : System.getProperty("queries", "1,4,21").split(",")) {
            System.out.println("==== Q" + q);
            String sql = q.startsWith("select") ? q : ssb ? BenchmarkQueries.ssb().stream().filter(x -> x.name().equals("q" + q)).findFirst().orElseThrow().sql() : BenchmarkQueries.tpch(Integer.parseInt(q)).sql();
            try {
                if (Boolean.getBoolean("rel")) System.out.println(RelOptUtil.toString(planner.optimisedRel(sql)));
                System.out.println(planner.plan(sql).explain());
            } catch (Throwable t) {
                t.printStackTrace(System.out);
            }
        }
    }
}
