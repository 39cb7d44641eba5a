package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Corpus;
import dev.forge.engine.corpus.CorpusCase;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first group table of a grouped join pipeline is sized from its rows, not from the product of its keys' distinct
 * counts: TPC-H Q10, Q18 and Q20 group by keys that depend on each other, whose product asked an H200 for 2^41 slots
 * and sent the queries to the CPU.
 */
class GroupCapacityTest {
    @ParameterizedTest
    @ValueSource(strings = {"tpch/q10", "tpch/q18", "tpch/q20"})
    void dependentGroupKeysBehindJoinsAreBoundedByTheRows(String name) {
        TableCatalog catalog = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01))).catalog();
        CorpusCase query = Corpus.allCases().stream().filter(each -> each.name().equals(name)).findFirst()
                .orElseThrow();
        GpuPlan plan = GpuPlan.of(new CalciteQueryPlanner(catalog).plan(query.sql()).plan());
        int grouped = 0;
        for (Stage stage : plan.stages()) {
            if (stage.pipeline() != null && stage.pipeline().sink() instanceof PipelineSink.GroupedAggregation sink
                    && catalog.tableNames().contains(stage.pipeline().scan().table())) {
                long rows = catalog.table(stage.pipeline().scan().table()).rowCount();
                assertThat(PipelineRunner.groupCapacity(sink, stage.pipeline(), catalog, rows))
                        .as("group slots of stage %d (%d rows scanned)", stage.number(), rows)
                        .isPositive().isLessThanOrEqualTo(Math.max(1024, 4 * rows));
                grouped++;
            }
        }
        assertThat(grouped).as("grouped stages over base tables in " + name).isPositive();
    }
}
