package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.engine.Forge;
import dev.forge.engine.Session;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus query plans through Forge's SQL front end over the corpus data (TPC-H and SSB at SF 0.01): the part of
 * the corpus that can run before the CPU executor exists. Cases that expect an error may fail here instead.
 */
class CorpusPlanningTest {
    /**
     * Cases the front end cannot plan yet, by name, with why: each must still fail, so the list shrinks as the front
     * end grows (a case that starts to plan fails here until it is taken off).
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    private final Map<Dataset, Session> sessions = new ConcurrentHashMap<>();

    @BeforeAll
    static void requireTheFrontEnd() {
        Assumptions.assumeTrue(Forge.sqlPlannerPresent(), "the SQL front end is not in this build yet");
    }

    @TestFactory
    Stream<DynamicNode> everyCasePlans() {
        return Corpus.load().entrySet().stream().map(file -> {
            List<DynamicNode> cases = file.getValue().stream()
                    .map(testCase -> (DynamicNode) DynamicTest.dynamicTest(testCase.name(), () -> plan(testCase)))
                    .toList();
            return cases.isEmpty() ? null : (DynamicNode) DynamicContainer.dynamicContainer(file.getKey(), cases);
        }).filter(Objects::nonNull);
    }

    private void plan(CorpusCase testCase) {
        Dataset dataset = Dataset.of(testCase.dataset(), 0.01);
        Session session = sessions.computeIfAbsent(dataset, key -> Forge.of(Datasets.tables(key)).session());
        String gap = KNOWN_GAPS.get(testCase.name());
        try {
            assertThat(session.explain(testCase.sql())).isNotBlank();
            assertThat(gap).as(testCase + " plans now: take it off KNOWN_GAPS").isNull();
        } catch (RuntimeException failure) {
            if (gap != null) {
                return;
            }
            if (!(testCase.expectation() instanceof Expectation.Error)) {
                throw new AssertionError(testCase + " does not plan:\n" + testCase.sql().indent(4) + failure,
                        failure);
            }
        }
    }
}
