package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.Encoding;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark's columns are what their names say, on the CPU: encoding, width, entries, no patches, chunking. */
class DecodeBenchmarkInputsTest {
    private static final Pattern WIDTH = Pattern.compile("width (\\d+)");
    private static final Pattern ENTRIES = Pattern.compile("(\\d+) entries");

    @Test
    void everyColumnHasTheEncodingAndShapeItsNameSays() {
        List<DecodeBenchmarkInputs.Input> inputs = DecodeBenchmarkInputs.all();
        assertThat(inputs).extracting(DecodeBenchmarkInputs.Input::name).doesNotHaveDuplicates();
        for (DecodeBenchmarkInputs.Input input : inputs) {
            List<EncodedChunk> chunks = input.chunks(200_000);
            assertThat(chunks).as(input.name()).hasSize(1);
            EncodedChunk chunk = chunks.getFirst();
            assertThat(chunk.count()).isEqualTo(200_000);
            assertThat(chunk.valueBytes()).isEqualTo(input.valueBytes());
            String name = input.name();
            Encoding expected = name.startsWith("plain") ? Encoding.PLAIN
                    : name.startsWith("frame of reference") ? Encoding.FRAME_OF_REFERENCE
                    : name.startsWith("delta") ? Encoding.DELTA
                    : name.startsWith("dictionary") ? Encoding.DICTIONARY : Encoding.RUN_LENGTH;
            assertThat(chunk.encoding()).as(name).isEqualTo(expected);
            Matcher width = WIDTH.matcher(name);
            if (width.find()) {
                assertThat(chunk.width()).as(name).isEqualTo(Integer.parseInt(width.group(1)));
                assertThat(chunk.entryCount()).as("patches of " + name).isZero();
            }
            Matcher entries = ENTRIES.matcher(name);
            if (entries.find()) {
                int wanted = Integer.parseInt(entries.group(1));
                // 200,000 uniform draws leave about 9% of 65536 entries unused; all of the smaller dictionaries appear.
                assertThat(chunk.entryCount()).as(name).isBetween(wanted * 9 / 10, wanted);
                assertThat(chunk.width()).as(name).isEqualTo(Integer.numberOfTrailingZeros(wanted));
            }
        }
    }

    @Test
    void deltaStepsAndRunsHaveTheirNamedSizes() {
        for (DecodeBenchmarkInputs.Input input : DecodeBenchmarkInputs.all()) {
            EncodedChunk chunk = input.chunks(100_000).getFirst();
            if (input.name().contains("steps < 16")) {
                assertThat(chunk.width()).isEqualTo(4);
            } else if (input.name().contains("steps < 256")) {
                assertThat(chunk.width()).isEqualTo(8);
            } else if (input.name().contains("runs of ~100")) {
                assertThat(chunk.entryCount()).isBetween(900, 1100);
            } else if (input.name().contains("runs of ~8")) {
                assertThat(chunk.entryCount()).isBetween(12_000, 13_000);
            }
        }
    }

    @Test
    void aColumnSplitsIntoChunksOfTheGivenBytesEachWithItsOwnValues() {
        DecodeBenchmarkInputs.Input input = DecodeBenchmarkInputs.frameOfReference(8, 40);
        List<EncodedChunk> chunks = input.chunks(5000, 8 << 10);
        assertThat(chunks).extracting(EncodedChunk::count).containsExactly(1024, 1024, 1024, 1024, 904);
        long[] first = ChunkDecoder.decodeToLongs(chunks.get(0));
        long[] second = ChunkDecoder.decodeToLongs(chunks.get(1));
        assertThat(Arrays.equals(first, second)).isFalse();
        assertThat(Arrays.equals(first, ChunkDecoder.decodeToLongs(input.chunks(5000, 8 << 10).get(0)))).isTrue();
    }
}
