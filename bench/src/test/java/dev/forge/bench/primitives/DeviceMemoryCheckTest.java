package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceMemoryCheckTest {
    private static final long GIB = 1L << 30;

    @Test
    void aNeedWithItsMarginFits() {
        assertThat(DeviceMemoryCheck.shortfall(8 * GIB, 79 * GIB)).isEmpty();
        long exactly = 20 * GIB + 20 * GIB / 20 + DeviceMemoryCheck.FIXED_MARGIN;
        assertThat(DeviceMemoryCheck.shortfall(20 * GIB, exactly)).isEmpty();
    }

    @Test
    void aNeedBeyondTheFreeMemoryOrItsMarginIsSkippedWithTheFigures() {
        assertThat(DeviceMemoryCheck.shortfall(20 * GIB, 20 * GIB + 20 * GIB / 20 + DeviceMemoryCheck.FIXED_MARGIN - 1))
                .isPresent();
        assertThat(DeviceMemoryCheck.shortfall(80 * GIB, 79 * GIB)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("skipped: needs about 84.25 GiB").contains("(80.00 GiB and a margin)", "79.00 GiB free"));
    }
}
