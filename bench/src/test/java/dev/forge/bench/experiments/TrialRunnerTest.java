package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.cpu.CpuWorkers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The timing loop with a made-up experiment whose contender runs on the host: runs, validation, failures. */
class TrialRunnerTest {

    /**
     * A contender that answers 42, except on the run numbered {@code wrongRun} (counting from 1; 0 for the run right
     * after its result was poisoned, which is the last timed run), and that may stop writing after its first run.
     */
    private static final class FakeTrial implements Trial {
        final AtomicInteger baselineRuns = new AtomicInteger();
        final AtomicInteger contenderRuns = new AtomicInteger();
        final int wrongRun;
        final boolean skipsWork;
        Integer contenderAnswer;

        FakeTrial(int wrongRun, boolean skipsWork) {
            this.wrongRun = wrongRun;
            this.skipsWork = skipsWork;
        }

        @Override
        public TrialShape shape() {
            return new TrialShape(1000, 8000, 0, 0);
        }

        @Override
        public String baselineName() {
            return "fake baseline";
        }

        @Override
        public void runBaseline() {
            baselineRuns.incrementAndGet();
        }

        @Override
        public Contender contender() {
            return new Contender.OnHost("fake contender", () -> {
                int run = contenderRuns.incrementAndGet();
                boolean afterPoison = run > 1 && contenderAnswer == null;
                if (!skipsWork || run == 1) {
                    contenderAnswer = run == wrongRun || (wrongRun == 0 && afterPoison) ? 41 : 42;
                }
            }, () -> contenderAnswer = null);
        }

        @Override
        public String validate() {
            if (contenderAnswer == null || contenderAnswer != 42) {
                throw new ValidationException("expected 42, got " + contenderAnswer);
            }
            return "answer 42";
        }

        @Override
        public void close() {
        }
    }

    private static Experiment experiment(FakeTrial trial) {
        return new Experiment() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public String description() {
                return "a made-up experiment";
            }

            @Override
            public List<String> variants() {
                return List.of("only");
            }

            @Override
            public long deviceBytes(String variant, long size) {
                return 0;
            }

            @Override
            public long hostBytes(String variant, long size) {
                return 0;
            }

            @Override
            public NativeCase nativePeer(String variant) {
                return NativeCase.noCub("made up");
            }

            @Override
            public Trial prepare(String variant, long size, TrialContext context) {
                return trial;
            }
        };
    }

    private static TrialResult run(FakeTrial trial, int runs, int warmups) {
        RunSettings settings = new RunSettings(Profile.QUICK, List.of(1000L), runs, warmups, false, false, true);
        try (SharedData shared = new SharedData()) {
            TrialContext context = new TrialContext(CpuWorkers.allCores(), null, "no GPU: test", shared);
            return new TrialRunner(settings, NativePeerResults.absent("not measured")).run(experiment(trial), "only", 1000,
                    context);
        }
    }

    @Test
    void aCorrectContenderIsTimedAfterItsWarmUpAndCheckedTwice() {
        FakeTrial trial = new FakeTrial(-1, false);
        TrialResult result = run(trial, 5, 2);
        assertThat(result.failed()).isFalse();
        assertThat(result.baseline().runs()).isEqualTo(5);
        assertThat(result.contenderEndToEnd().runs()).isEqualTo(5);
        assertThat(result.contenderDevice()).isNull();
        assertThat(trial.baselineRuns.get()).isGreaterThanOrEqualTo(2 + 5);
        // one checked run, the warm-up, the timed runs
        assertThat(trial.contenderRuns.get()).isGreaterThanOrEqualTo(1 + 2 + 5);
        assertThat(result.validation()).isEqualTo("answer 42");
        assertThat(result.peers()).singleElement().extracting(PeerResult::note).isEqualTo("made up");
    }

    @Test
    void aWrongFirstAnswerFailsTheTrialBeforeAnyTiming() {
        FakeTrial trial = new FakeTrial(1, false);
        TrialResult result = run(trial, 5, 2);
        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).isEqualTo("VALIDATION FAILED: expected 42, got 41");
        assertThat(trial.contenderRuns.get()).isEqualTo(1);
        assertThat(result.contenderEndToEnd()).isNull();
        assertThat(result.speedUp()).isNaN();
        assertThat(result.baseline()).isNotNull();
    }

    @Test
    void aContenderThatLeavesAnOldResultIsCaughtByThePoison() {
        // right the first time, then it stops writing its result: the poisoned last run exposes it
        FakeTrial trial = new FakeTrial(-1, true);
        TrialResult result = run(trial, 3, 0);
        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).isEqualTo("VALIDATION FAILED: expected 42, got null");
    }

    @Test
    void aWrongAnswerInTheLastTimedRunFailsTheTrial() {
        FakeTrial trial = new FakeTrial(0, false);
        TrialResult result = run(trial, 3, 0);
        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).contains("got 41");
    }

    /** A GEMM above the CPU twin's limit has a measured GPU and no baseline: its line has times and no ratio or verdict. */
    @Test
    void aTrialWithoutABaselineIsSummarisedWithoutAVerdict() {
        Statistics gpu = Statistics.of(new double[] {0.002, 0.002, 0.002});
        TrialResult sampled = new TrialResult("gemm", "bf16", 8192, new TrialShape(8192, 1, 1, 1), 0.1,
                "CPU twin, 16 threads", null, "above the twin's limit", "Forge GPU", null, gpu, gpu, gpu, List.of(),
                "sampled elements within bound", null);

        String line = TrialRunner.summary(sampled);

        assertThat(line).contains("no baseline: above the twin's limit").contains("Forge GPU").doesNotContain("->");
    }
}
