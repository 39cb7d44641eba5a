package dev.forge.cuda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.bench.Measurement.Unit;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void bandwidthsAndLatenciesFormatWithTheirUnits() {
        Measurement copy = new Measurement("copy", 2.95e12, Unit.BYTES_PER_SECOND, 2.99e12, true);
        assertThat(copy.formattedValue()).isEqualTo("2.95 TB/s");
        assertThat(copy.ratio()).isCloseTo(0.9866, org.assertj.core.data.Offset.offset(1e-4));
        Measurement pcie = new Measurement("pcie", 24.5e9, Unit.BYTES_PER_SECOND, Double.NaN, true);
        assertThat(pcie.formattedValue()).isEqualTo("24.5 GB/s");
        assertThat(pcie.formattedCeiling()).isEqualTo("n/a");
        Measurement launch = new Measurement("launch", 2.345, Unit.MICROSECONDS, 3.5, false);
        assertThat(launch.formattedValue()).isEqualTo("2.35 us");
    }

    @Test
    void ceilingsAreKnownForTheLentGpusOnly() {
        assertThat(HardwareCeilings.forDevice("NVIDIA H100 80GB HBM3")).get()
                .extracting(HardwareCeilings::copyBytesPerSecond).isEqualTo(2.99e12);
        assertThat(HardwareCeilings.forDevice("NVIDIA H200")).get().extracting(HardwareCeilings::gpu).isEqualTo("H200");
        assertThat(HardwareCeilings.forDevice("NVIDIA GeForce RTX 4090")).isEmpty();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(EventTiming.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(EventTiming.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
