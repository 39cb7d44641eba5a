package dev.forge.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Scan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every TPC-H and SSB query plans, passes PlanValidator (the planner runs it) and explains exactly as its snapshot in
 * {@code src/test/resources/explain/<benchmark>/<query>.txt}. After an intended planner change, rewrite the snapshots
 * with {@code -Dforge.explain.rewrite=true} (or the environment variable {@code FORGE_EXPLAIN_REWRITE=true}) and review
 * the diff.
 */
class BenchmarkPlansTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/explain");
    private static final SqlPlanner TPCH = new SqlPlanner(BenchmarkCatalog.tpch());
    private static final SqlPlanner SSB = new SqlPlanner(BenchmarkCatalog.ssb());

    static Stream<BenchmarkQueries.Query> queries() {
        return Stream.concat(BenchmarkQueries.tpch().stream(), BenchmarkQueries.ssb().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void plansAndExplainsAsTheSnapshot(BenchmarkQueries.Query query) throws IOException {
        PlannedQuery planned = (query.benchmark().equals("tpch") ? TPCH : SSB).plan(query.sql());
        assertThat(planned.columnNames()).isNotEmpty();
        assertThat(planned.plan().fields()).hasSameSizeAs(planned.columnNames());
        Path snapshot = SNAPSHOTS.resolve(query.benchmark()).resolve(query.name() + ".txt");
        String explain = planned.explain();
        if (rewrite() || !Files.exists(snapshot)) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, explain, StandardCharsets.UTF_8);
        }
        assertThat(explain).as("EXPLAIN of %s (rewrite with -Dforge.explain.rewrite=true)", query.id())
                .isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
    }

    @Test
    void q1ScansLineitemWithTheShipdateFilterPushed() {
        Scan lineitem = scans(TPCH.plan(BenchmarkQueries.tpch(1).sql()).plan()).getFirst();
        assertThat(lineitem.table()).isEqualTo("lineitem");
        assertThat(lineitem.filters()).hasSize(1);
        assertThat(TPCH.plan(BenchmarkQueries.tpch(1).sql()).explain())
                .contains("filters: (l_shipdate <= DATE '1998-09-02')");
    }

    @Test
    void q19JoinsPartAndLineitemOnTheirKeyRatherThanByNestedLoop() {
        List<HashJoin> joins = joins(TPCH.plan(BenchmarkQueries.tpch(19).sql()).plan());
        assertThat(joins).hasSize(1);
        HashJoin join = joins.getFirst();
        assertThat(join.keys()).hasSize(1);
        String probeKey = join.probe().fields().get(join.keys().getFirst().probe()).name();
        String buildKey = join.build().fields().get(join.keys().getFirst().build()).name();
        assertThat(List.of(probeKey, buildKey)).containsExactlyInAnyOrder("l_partkey", "p_partkey");
    }

    @Test
    void q21UsesSemiAndAntiJoinsRatherThanJoiningTheOuterQueryIn() {
        List<HashJoin> joins = joins(TPCH.plan(BenchmarkQueries.tpch(21).sql()).plan());
        assertThat(joins).extracting(HashJoin::kind).contains(JoinKind.SEMI, JoinKind.ANTI);
        assertThat(joins).hasSizeLessThanOrEqualTo(5);
        assertThat(joins.stream().filter(join -> join.kind() == JoinKind.SEMI || join.kind() == JoinKind.ANTI))
                .allSatisfy(join -> assertThat(join.residual()).isNotNull());
    }

    @Test
    void everyJoinOfTheCorpusHasKeysExceptJoinsWithASingleRow() {
        for (BenchmarkQueries.Query query : queries().toList()) {
            PlanNode plan = (query.benchmark().equals("tpch") ? TPCH : SSB).plan(query.sql()).plan();
            for (HashJoin join : joins(plan)) {
                if (join.keys().isEmpty()) {
                    // Q11, Q22: comparing with an ungrouped aggregate's single row.
                    assertThat(PlanPrinterHelper.hasUngroupedAggregate(join.build())).as(query.id()).isTrue();
                }
            }
        }
    }

    private static boolean rewrite() {
        return Boolean.getBoolean("forge.explain.rewrite") || "true".equalsIgnoreCase(System.getenv(
                "FORGE_EXPLAIN_REWRITE"));
    }

    static List<HashJoin> joins(PlanNode plan) {
        List<HashJoin> joins = new ArrayList<>();
        walk(plan, node -> {
            if (node instanceof HashJoin join) {
                joins.add(join);
            }
        });
        return joins;
    }

    static List<Scan> scans(PlanNode plan) {
        List<Scan> scans = new ArrayList<>();
        walk(plan, node -> {
            if (node instanceof Scan scan) {
                scans.add(scan);
            }
        });
        return scans;
    }

    static void walk(PlanNode node, java.util.function.Consumer<PlanNode> visitor) {
        visitor.accept(node);
        node.inputs().forEach(input -> walk(input, visitor));
    }
}
