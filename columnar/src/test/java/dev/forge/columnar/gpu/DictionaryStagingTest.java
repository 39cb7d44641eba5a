package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How dictionary decodes are launched, on the CPU: small dictionaries whole, large ones as far as memory allows. */
class DictionaryStagingTest {
    /** An H100's and H200's limit per CTA: 227 KiB. */
    private static final int HOPPER_OPT_IN = 232_448;

    @Test
    void aDictionaryOf32KiBOrLessIsStagedWholeBySmallCtas() {
        assertThat(DictionaryStaging.plan(8192, 4, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(8192, 256, 8 * 1024 + 32768));
        assertThat(DictionaryStaging.plan(4096, 8, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(4096, 256, 8 * 1024 + 32768));
        assertThat(DictionaryStaging.plan(1, 8, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(1, 256, 8 * 1024 + 8));
    }

    @Test
    void aLargerDictionaryFillsWhatOneBigCtaLeavesAfterItsTiles() {
        int room = HOPPER_OPT_IN - 32 * 1024;
        assertThat(DictionaryStaging.plan(65_536, 4, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(room / 4, 1024, 32 * 1024 + room));
        assertThat(DictionaryStaging.plan(65_536, 8, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(room / 8, 1024, 32 * 1024 + room));
        // Just over 32 KiB, and it all fits the big CTA.
        assertThat(DictionaryStaging.plan(8193, 4, HOPPER_OPT_IN)).isEqualTo(new DictionaryStaging(8193, 1024, 32 * 1024 + 8193 * 4));
    }

    @Test
    void aDeviceTooSmallForTheBigCtasTilesIsAClearError() {
        assertThatThrownBy(() -> DictionaryStaging.plan(65_536, 4, 16 * 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs 32768 bytes of shared memory");
    }
}
