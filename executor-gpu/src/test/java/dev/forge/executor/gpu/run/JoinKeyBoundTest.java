package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A join's hash table is sized from the distinct keys its build side can have where the statistics know them: TPC-H
 * Q22's build of every order by its customer key needs slots for the customers, not for the orders (ten times as
 * many). A computed key has no such bound.
 */
class JoinKeyBoundTest {
    @Test
    void aBuildKeyColumnIsBoundByItsDistinctCountAndAComputedOneIsNot() {
        TableCatalog catalog = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01))).catalog();
        long customersWithOrders = catalog.statistics("orders").columns().get(
                catalog.schema("orders").indexOf("o_custkey")).distinctCount();
        long orders = catalog.table("orders").rowCount();
        assertThat(customersWithOrders).isPositive().isLessThan(orders / 5);

        JoinStage byCustomer = onlyJoin(catalog, "SELECT COUNT(*) FROM customer WHERE NOT EXISTS"
                + " (SELECT * FROM orders WHERE o_custkey = c_custkey)");
        assertThat(PipelineRunner.distinctKeyBound(byCustomer.build(), buildKeys(byCustomer), catalog))
                .isEqualTo(customersWithOrders);
        assertThat(PipelineRunner.joinCapacity(customersWithOrders))
                .isLessThan(PipelineRunner.joinCapacity(orders));

        JoinStage computed = onlyJoin(catalog, "SELECT COUNT(*) FROM customer WHERE NOT EXISTS"
                + " (SELECT * FROM orders WHERE o_custkey + 1 = c_custkey + 1)");
        assertThat(PipelineRunner.distinctKeyBound(computed.build(), buildKeys(computed), catalog))
                .isEqualTo(1L << 40);
    }

    private static JoinStage onlyJoin(TableCatalog catalog, String sql) {
        GpuPlan plan = GpuPlan.of(new CalciteQueryPlanner(catalog).plan(sql).plan());
        List<JoinStage> joins = plan.stages().stream().map(Stage::pipeline).filter(pipeline -> pipeline != null)
                .map(Pipeline::joins).flatMap(List::stream).toList();
        assertThat(joins).as(sql).hasSize(1);
        assertThat(joins.getFirst().build().scan().table()).isEqualTo("orders");
        return joins.getFirst();
    }

    private static List<Expr> buildKeys(JoinStage join) {
        List<Expr> columns = ((PipelineSink.Materialization) join.build().sink()).columns();
        return join.buildKeys().stream().map(columns::get).toList();
    }
}
