package dev.forge.engine.corpus;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The SQL corpus as JUnit tests for one engine: subclass it and say which engine. Feature-dataset cases run once;
 * TPC-H and SSB cases at SF 0.01 and 0.1 in every run, and at SF 1 when {@code -Dforge.corpus.slow=true} is given
 * (tag {@code slow}). Data is generated once per JVM and shared by all tiers and engines.
 */
public abstract class CorpusTestBase {
    protected abstract EngineUnderTest engine();

    @TestFactory
    Stream<DynamicNode> featureDataset() {
        return tests(0, testCase -> testCase.dataset().equals(Dataset.FEATURES));
    }

    @TestFactory
    Stream<DynamicNode> generatedDataAtScaleFactor0_01() {
        return tests(0.01, testCase -> !testCase.dataset().equals(Dataset.FEATURES));
    }

    @TestFactory
    Stream<DynamicNode> generatedDataAtScaleFactor0_1() {
        return tests(0.1, testCase -> !testCase.dataset().equals(Dataset.FEATURES));
    }

    @TestFactory
    @Tag("slow")
    @EnabledIfSystemProperty(named = "forge.corpus.slow", matches = "true")
    Stream<DynamicNode> generatedDataAtScaleFactor1() {
        return tests(1, testCase -> !testCase.dataset().equals(Dataset.FEATURES));
    }

    private Stream<DynamicNode> tests(double scaleFactor, Predicate<CorpusCase> which) {
        CorpusRunner runner = new CorpusRunner(engine(), scaleFactor);
        Map<String, List<CorpusCase>> files = Corpus.load();
        return files.entrySet().stream().map(file -> {
            List<DynamicNode> cases = file.getValue().stream().filter(which)
                    .map(testCase -> (DynamicNode) DynamicTest.dynamicTest(testCase.name(),
                            () -> runOrConfirmGap(runner, testCase)))
                    .toList();
            return cases.isEmpty() ? null : (DynamicNode) DynamicContainer.dynamicContainer(file.getKey(), cases);
        }).filter(java.util.Objects::nonNull);
    }

    /**
     * Cases this engine is known to answer wrongly, by name, with why. Each must still fail, so the list shrinks as
     * the engine is fixed (a case that starts to pass fails here until it is taken off).
     */
    protected Map<String, String> knownGaps() {
        return Map.of();
    }

    private void runOrConfirmGap(CorpusRunner runner, CorpusCase testCase) throws Exception {
        String gap = knownGaps().get(testCase.name());
        if (gap == null) {
            runner.run(testCase);
            return;
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(testCase))
                .as("known gap '%s' (%s) now passes: take it off the list", testCase.name(), gap)
                .isInstanceOf(AssertionError.class);
    }
}
