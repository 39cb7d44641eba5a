package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void eachRangeHasItsVerdict() {
        assertThat(Verdict.of(120)).isEqualTo(Verdict.DOMINANT);
        assertThat(Verdict.of(7)).isEqualTo(Verdict.STRONG);
        assertThat(Verdict.of(3)).isEqualTo(Verdict.SOLID);
        assertThat(Verdict.of(1.5)).isEqualTo(Verdict.MARGINAL);
        assertThat(Verdict.of(0.2)).isEqualTo(Verdict.SLOWER);
    }

    @Test
    void boundariesFollowTheRanges() {
        assertThat(Verdict.of(10)).isEqualTo(Verdict.STRONG);
        assertThat(Verdict.of(Math.nextUp(10.0))).isEqualTo(Verdict.DOMINANT);
        assertThat(Verdict.of(5)).isEqualTo(Verdict.SOLID);
        assertThat(Verdict.of(Math.nextUp(5.0))).isEqualTo(Verdict.STRONG);
        assertThat(Verdict.of(2)).isEqualTo(Verdict.SOLID);
        assertThat(Verdict.of(Math.nextDown(2.0))).isEqualTo(Verdict.MARGINAL);
        assertThat(Verdict.of(1)).isEqualTo(Verdict.MARGINAL);
        assertThat(Verdict.of(Math.nextDown(1.0))).isEqualTo(Verdict.SLOWER);
    }

    @Test
    void aSpeedUpThatIsNotAPositiveNumberHasNoVerdict() {
        assertThatThrownBy(() -> Verdict.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
