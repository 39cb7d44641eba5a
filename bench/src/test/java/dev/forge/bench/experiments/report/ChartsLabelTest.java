package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartsLabelTest {

    @Test
    void ticksBelowOneKeepOneSignificantDigit() {
        assertThat(Charts.plainNumber(0.1)).isEqualTo("0.1");
        assertThat(Charts.plainNumber(0.02)).isEqualTo("0.02");
        assertThat(Charts.plainNumber(1)).isEqualTo("1");
        assertThat(Charts.plainNumber(5000)).isEqualTo("5000");
        assertThat(Charts.speedUpLabel(0.5)).isEqualTo("0.5x");
        assertThat(Charts.speedUpLabel(20)).isEqualTo("20x");
    }
}
