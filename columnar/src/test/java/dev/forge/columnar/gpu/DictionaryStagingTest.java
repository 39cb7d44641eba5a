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
        int tiles = 8 * 1024; // 8 warps' code tiles
        assertThat(plan(8192, 4)).isEqualTo(new DictionaryStaging(8192, 256, tiles + 32768));
        assertThat(plan(4096, 8)).isEqualTo(new DictionaryStaging(4096, 256, tiles + 32768));
        assertThat(plan(1, 8)).isEqualTo(new DictionaryStaging(1, 256, tiles + 8));
    }

    @Test
    void aLargerDictionaryFillsWhatOneBigCtaLeavesAfterItsTiles() {
        int tiles = 32 * 1024; // 32 warps' code tiles
        int room = HOPPER_OPT_IN - tiles;
        assertThat(plan(65_536, 4)).isEqualTo(new DictionaryStaging(room / 4, 1024, tiles + room));
        assertThat(plan(65_536, 8)).isEqualTo(new DictionaryStaging(room / 8, 1024, tiles + room));
        // Just over 32 KiB, and it all fits the big CTA.
        assertThat(plan(8193, 4)).isEqualTo(new DictionaryStaging(8193, 1024, tiles + 8193 * 4));
    }

    private static DictionaryStaging plan(int entries, int valueBytes) {
        return DictionaryStaging.plan(entries, valueBytes, HOPPER_OPT_IN);
    }

    @Test
    void aDeviceTooSmallForTheBigCtasTilesIsAClearError() {
        assertThatThrownBy(() -> DictionaryStaging.plan(65_536, 4, 16 * 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs 32768 bytes of shared memory");
    }
}
