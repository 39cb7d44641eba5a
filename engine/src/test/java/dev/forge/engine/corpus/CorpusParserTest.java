package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusParserTest {
    @Test
    void readsCasesWithDirectivesAndWrittenAnswers() {
        String text = """
                -- dataset: tpch
                -- a comment

                -- name: first
                -- ordered
                SELECT 1
                FROM region;
                ----
                1 | NULL
                'two words' | ''

                -- name: second
                -- dataset: features
                -- error: overflow
                SELECT 2;

                -- name: third
                -- duckdb-differs: because
                SELECT 3;
                ----
                """;
        List<CorpusCase> cases = CorpusParser.parse("test.sql", text);
        assertThat(cases).extracting(CorpusCase::name).containsExactly("first", "second", "third");
        CorpusCase first = cases.get(0);
        assertThat(first.dataset()).isEqualTo("tpch");
        assertThat(first.ordered()).isTrue();
        assertThat(first.sql()).isEqualTo("SELECT 1\nFROM region");
        assertThat(first.location()).isEqualTo("test.sql:4");
        ResultRows rows = ((Expectation.Rows) first.expectation()).rows();
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(0).get(1)).isNull();
        assertThat(rows.rows().get(1).get(0)).hasToString("two words");
        assertThat(rows.rows().get(1).get(1)).hasToString("");
        assertThat(cases.get(1).dataset()).isEqualTo("features");
        assertThat(cases.get(1).expectation()).isEqualTo(new Expectation.Error("overflow"));
        assertThat(cases.get(2).duckDbDiffers()).isEqualTo("because");
        assertThat(((Expectation.Rows) cases.get(2).expectation()).rows().rowCount()).isZero();
    }

    @Test
    void benchmarkLinesStandForTheBenchmarkQueries() {
        List<CorpusCase> cases = CorpusParser.parse("b.sql", "-- benchmark: tpch\n-- benchmark: ssb/q2.1\n");
        assertThat(cases).hasSize(23);
        assertThat(cases.getFirst().name()).isEqualTo("tpch/q01");
        assertThat(cases.getFirst().ordered()).isTrue();
        assertThat(cases.get(5).name()).isEqualTo("tpch/q06");
        assertThat(cases.get(5).ordered()).isFalse();
        assertThat(cases.getLast().name()).isEqualTo("ssb/q2.1");
        assertThat(cases.getLast().dataset()).isEqualTo("ssb");
    }

    @Test
    void mistakesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> CorpusParser.parse("x.sql", "-- name: a\nSELECT 1\n\n-- name: b\nSELECT 2;\n"))
                .hasMessageContaining("x.sql:4").hasMessageContaining("does not end with ';'");
        assertThatThrownBy(() -> CorpusParser.parse("x.sql", "SELECT 1;\n")).hasMessageContaining("x.sql:1");
        assertThatThrownBy(() -> CorpusParser.parse("x.sql", "-- name: a\n-- duckdb-differs: why\nSELECT 1;\n"))
                .hasMessageContaining("writes no answer");
        assertThatThrownBy(() -> CorpusParser.parse("x.sql", "-- benchmark: tpch/q99\n"))
                .hasMessageContaining("no benchmark query");
    }

    @Test
    void theWholeCorpusParsesAndCoversTheBenchmarksAndEveryFeatureFile() {
        Map<String, List<CorpusCase>> files = Corpus.load();
        assertThat(files.keySet()).contains("tpch.sql", "ssb.sql", "joins.sql", "nulls.sql", "aggregates.sql",
                "strings.sql", "dates.sql", "decimals.sql", "ordering.sql", "expressions.sql", "set_operations.sql",
                "subqueries.sql");
        assertThat(files.get("tpch.sql")).hasSize(22);
        assertThat(files.get("ssb.sql")).hasSize(13);
        List<String> names = Corpus.allCases().stream().map(testCase -> testCase.file() + "/" + testCase.name())
                .toList();
        assertThat(names).doesNotHaveDuplicates();
    }
}
