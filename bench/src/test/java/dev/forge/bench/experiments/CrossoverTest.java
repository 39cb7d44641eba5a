package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossoverTest {

    private static Crossover.Point point(long size, double speedUp) {
        return new Crossover.Point(size, speedUp);
    }

    @Test
    void theCrossingIsInterpolatedInLogSizeAgainstLogSpeedUp() {
        // 0.5x at 1M and 2x at 10M: log speed-up crosses 0 halfway, so at sqrt(1M * 10M)
        Crossover crossover = Crossover.find(List.of(point(1_000_000, 0.5), point(10_000_000, 2)));
        assertThat(crossover.kind()).isEqualTo(Crossover.Kind.CROSSES);
        assertThat(crossover.size()).isEqualTo(Math.round(Math.sqrt(1e6 * 1e7)));
        assertThat(crossover.describe()).isEqualTo("3.16M");
    }

    @Test
    void theCrossingIsWhereTheContenderWinsFromThenOn() {
        // wins at 1K, loses at 10K and 100K, wins at 1M and 10M: the crossover lies between 100K and 1M
        Crossover crossover = Crossover.find(List.of(point(10_000_000, 8), point(1_000, 1.5), point(10_000, 0.9),
                point(100_000, 0.25), point(1_000_000, 4)));
        assertThat(crossover.kind()).isEqualTo(Crossover.Kind.CROSSES);
        assertThat(crossover.size()).isBetween(100_000L, 1_000_000L);
        // log-linear: fraction = ln 4 / (ln 4 - ln 0.25) = 1/2
        assertThat(crossover.size()).isEqualTo(Math.round(Math.sqrt(1e5 * 1e6)));
    }

    @Test
    void exactlyEvenCountsAsWinning() {
        Crossover crossover = Crossover.find(List.of(point(1_000, 0.1), point(2_000, 1.0)));
        assertThat(crossover.kind()).isEqualTo(Crossover.Kind.CROSSES);
        assertThat(crossover.size()).isEqualTo(2_000);
    }

    @Test
    void winningEverywhereOrNowhereSaysSo() {
        Crossover always = Crossover.find(List.of(point(1_000_000, 3), point(10_000_000, 30)));
        assertThat(always.kind()).isEqualTo(Crossover.Kind.WINS_THROUGHOUT);
        assertThat(always.describe()).isEqualTo("wins at every measured size (1M-10M)");
        Crossover never = Crossover.find(List.of(point(1_000_000, 0.1), point(10_000_000, 0.9)));
        assertThat(never.kind()).isEqualTo(Crossover.Kind.NEVER_WINS);
        assertThat(never.describe()).isEqualTo("never wins up to 10M");
        Crossover losesAgain = Crossover.find(List.of(point(1_000_000, 2), point(10_000_000, 0.9)));
        assertThat(losesAgain.kind()).isEqualTo(Crossover.Kind.LOSES_AT_LARGEST);
        assertThat(losesAgain.describe()).contains("10M");
    }

    @Test
    void unmeasuredPointsAreLeftOutAndOnePointIsEnoughToJudge() {
        Crossover single = Crossover.find(List.of(point(1_000_000, Double.NaN), point(10_000_000, 12)));
        assertThat(single.kind()).isEqualTo(Crossover.Kind.WINS_THROUGHOUT);
        assertThat(single.describe()).isEqualTo("wins at every measured size (10M)");
        assertThat(Crossover.find(List.of(point(1_000, Double.NaN))).kind()).isEqualTo(Crossover.Kind.NOT_MEASURED);
        assertThat(Crossover.find(List.of()).describe()).isEqualTo("not measured");
    }
}
