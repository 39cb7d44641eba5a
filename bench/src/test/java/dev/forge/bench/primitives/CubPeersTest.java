package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CubPeersTest {
    @Test
    void cubPrimitivesGetsOnlyItsFamiliesThenTheSizes() {
        assertThat(CubPeers.primitiveRequests(EnumSet.of(PrimitiveFamily.SEGMENTED, PrimitiveFamily.SORT,
                PrimitiveFamily.REDUCE), List.of(1L << 20, 1L << 24)))
                .containsExactly("--only=reduce,segmented", "1048576", "16777216");
        assertThat(CubPeers.primitiveRequests(EnumSet.of(PrimitiveFamily.HASH_PROBE), List.of(1L << 20))).isEmpty();
    }

    @Test
    void cubExperimentsGetsEverySortHistogramAndSelectAtEverySize() {
        List<String> requests = CubPeers.experimentRequests(EnumSet.allOf(PrimitiveFamily.class), List.of(1024L));
        assertThat(requests).containsExactly("sort_keys:u32:1024", "sort_pairs:u32:1024", "sort_keys:u64:1024",
                "histogram_even:256:1024", "histogram_even:4096:1024", "histogram_even:f32_256:1024",
                "histogram_even:f32_4096:1024", "select_flagged:50:1024", "partition_flagged:50:1024");
        assertThat(CubPeers.experimentRequests(Set.of(PrimitiveFamily.TOP_K, PrimitiveFamily.GROUP_BY),
                List.of(1024L))).isEmpty();
    }

    @Test
    void dataChecksumsAreReadUnsignedAndKeyedAsTheMedians() {
        Map<String, Long> checksums = CubPeers.dataChecksums(List.of("cubdata sort_keys u32 1024 18446744073709551615",
                "cub sort_keys u32 1024 0.000012", "something else"));
        assertThat(checksums).containsExactly(Map.entry(NvccPeer.key("sort_keys", "u32", 1024), -1L));
    }

    @Test
    void aTimeIsShownOnlyForTheDataForgeRanOn() {
        CubPeers cub = CubPeers.parsed(List.of("cubdata sort_keys u32 1024 77", "cub sort_keys u32 1024 0.000012",
                "cubdata histogram_even 256 1024 5", "cub histogram_even 256 1024 0.000003",
                "cub reduce_sum int32 1024 0.000001"), "measured");
        assertThat(cub.seconds("sort_keys", "u32", 1024, OptionalLong.of(77))).isEqualTo(0.000012);
        assertThat(cub.seconds("reduce_sum", "int32", 1024)).isEqualTo(0.000001);
        assertThat(cub.seconds("sort_keys", "u64", 1024, OptionalLong.of(77))).isNaN();
        assertThat(cub.notes()).isEmpty();
        assertThat(cub.seconds("histogram_even", "256", 1024, OptionalLong.of(6))).isNaN();
        assertThat(cub.notes()).singleElement().asString()
                .contains("histogram_even 256 1024", "checksum 5 against 6", "left out");
        assertThat(cub.status()).isEqualTo("measured");
    }
}
