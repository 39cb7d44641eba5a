package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.bench.Measurement;
import dev.forge.cuda.testing.RequiresGpu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decode benchmark runs end to end on small chunks (its figures there mean nothing; its checks do). */
@RequiresGpu
class DecodeBenchmarkTest {

    @Test
    void everyColumnIsAVerifiedPositiveBandwidth() {
        DecodeBenchmark benchmark = new DecodeBenchmark(Cuda.defaultDevice(), 3 * 1024 + 5);
        List<DecodeBenchmark.Result> results = benchmark.run();
        assertThat(results).hasSize(DecodeBenchmarkInputs.all().size());
        assertThat(results).allSatisfy(result -> {
            assertThat(result.decodedBytesPerSecond()).isPositive();
            assertThat(result.movedOfCopy()).isGreaterThan(result.decodedOfCopy());
            assertThat(result.measurement().unit()).isEqualTo(Measurement.Unit.BYTES_PER_SECOND);
        });
    }
}
