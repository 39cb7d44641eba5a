package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CubResultsTest {
    private static final CubResults MEASURED = CubResults.parse(List.of(
            "cub sort_keys u32 1000000 0.000123000",
            "cubdata sort_keys u32 1000000 18446744073709551615",
            "cub reduce_sum int32 1000000 0.000010000",
            "some warning nvcc printed"), "sm_90");

    @Test
    void aFigureIsShownOnlyForTheSameData() {
        PeerResult same = MEASURED.peerFor(new CubCase.Measured("sort_keys", "u32"), 1_000_000, OptionalLong.of(-1));
        assertThat(same.measured()).isTrue();
        assertThat(same.medianSeconds()).isEqualTo(0.000123);
        assertThat(same.note()).contains("checksum matches");
        PeerResult other = MEASURED.peerFor(new CubCase.Measured("sort_keys", "u32"), 1_000_000, OptionalLong.of(7));
        assertThat(other.measured()).isFalse();
        assertThat(other.note()).contains("18446744073709551615").contains("differs from the trial's 7");
        PeerResult noChecksum = MEASURED.peerFor(new CubCase.Measured("reduce_sum", "int32"), 1_000_000,
                OptionalLong.of(3));
        assertThat(noChecksum.measured()).isFalse();
        assertThat(noChecksum.note()).contains("is missing");
    }

    @Test
    void missingFiguresAndAbsentPeersSayWhy() {
        assertThat(MEASURED.peerFor(new CubCase.Measured("sort_keys", "u64"), 1_000_000, OptionalLong.empty()).note())
                .contains("gave no figure for sort_keys u64 1000000");
        assertThat(MEASURED.peerFor(new CubCase.Absent("CUB has no hash join"), 10, OptionalLong.empty()).note())
                .isEqualTo("CUB has no hash join");
        CubResults absent = CubResults.absent("not measured: no GPU");
        assertThat(absent.peerFor(new CubCase.Measured("sort_keys", "u32"), 1_000_000, OptionalLong.empty()).note())
                .isEqualTo("not measured: no GPU");
    }
}
