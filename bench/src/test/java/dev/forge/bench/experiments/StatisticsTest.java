package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void oddRunsGiveTheMiddleValueAndTheSampleDeviation() {
        Statistics statistics = Statistics.of(new double[] {5, 1, 3});
        assertThat(statistics.runs()).isEqualTo(3);
        assertThat(statistics.median()).isEqualTo(3);
        assertThat(statistics.min()).isEqualTo(1);
        assertThat(statistics.max()).isEqualTo(5);
        assertThat(statistics.mean()).isEqualTo(3);
        // sample deviation: sqrt(((5-3)^2 + (1-3)^2 + 0) / 2) = 2
        assertThat(statistics.standardDeviation()).isEqualTo(2, within(1e-12));
        assertThat(statistics.coefficientOfVariationPercent()).isEqualTo(200.0 / 3, within(1e-9));
        assertThat(statistics.isNoisy()).isTrue();
    }

    @Test
    void evenRunsAverageTheMiddleTwo() {
        Statistics statistics = Statistics.of(new double[] {4, 1, 2, 3});
        assertThat(statistics.median()).isEqualTo(2.5);
        assertThat(statistics.mean()).isEqualTo(2.5);
    }

    @Test
    void aSteadyMeasurementIsNotNoisyAndOneRunHasNoSpread() {
        Statistics steady = Statistics.of(new double[] {1.00, 1.02, 0.98, 1.01, 0.99});
        assertThat(steady.coefficientOfVariationPercent()).isLessThan(Statistics.NOISY_PERCENT);
        assertThat(steady.isNoisy()).isFalse();
        Statistics single = Statistics.of(new double[] {0.5});
        assertThat(single.standardDeviation()).isZero();
        assertThat(single.median()).isEqualTo(0.5);
    }

    @Test
    void theBoundaryIsFivePercent() {
        // mean 1, sample deviation exactly 0.05 from two runs: 1 -+ 0.05 / sqrt(2)
        double offset = 0.05 / Math.sqrt(2);
        Statistics atBoundary = Statistics.of(new double[] {1 - offset, 1 + offset});
        assertThat(atBoundary.coefficientOfVariationPercent()).isEqualTo(5.0, within(1e-9));
        Statistics above = Statistics.of(new double[] {1 - 1.01 * offset, 1 + 1.01 * offset});
        assertThat(above.isNoisy()).isTrue();
    }

    @Test
    void noRunsIsAnError() {
        assertThatThrownBy(() -> Statistics.of(new double[0])).hasMessageContaining("at least one timed run");
    }
}
