package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every encoding decodes what it encoded, for every value shape, width and boundary size. */
class EncodingRoundTripTest {
    static final int[] SIZES = {0, 1, 31, 33, 1023, 1024, 1025, 4099};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Encoding encoding : Encoding.values()) {
            for (int valueBytes : new int[] {4, 8}) {
                for (ValueShapes shape : ValueShapes.values()) {
                    cases.add(Arguments.of(encoding, valueBytes, shape));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}-byte {2}")
    @MethodSource("cases")
    void decodesWhatWasEncoded(Encoding encoding, int valueBytes, ValueShapes shape) {
        for (int size : SIZES) {
            ChunkValues values = shape.chunk(size + 1, size, valueBytes);
            EncodedChunk chunk = ChunkEncoder.encode(values, 0, null, Optional.of(encoding)).chunk();
            assertThat(chunk.encoding()).isEqualTo(encoding);
            assertThat(chunk.count()).isEqualTo(size);
            assertThat(ChunkDecoder.decodeToLongs(chunk)).as("%s of %d %s values", encoding, size, shape)
                    .containsExactly(values.values());
            EncodedChunk reparsed = EncodedChunk.parse(chunk.memory());
            assertThat(reparsed.toString()).isEqualTo(chunk.toString());
        }
    }

    @ParameterizedTest(name = "{0} {1}-byte {2}")
    @MethodSource("cases")
    void chosenEncodingRoundTripsAndIsNoLargerThanPlain(Encoding ignored, int valueBytes, ValueShapes shape) {
        ChunkValues values = shape.chunk(3, 3000, valueBytes);
        EncodedChunk chosen = ChunkEncoder.encode(values).chunk();
        EncodedChunk plain = PlainEncoding.encode(values);
        assertThat(ChunkDecoder.decodeToLongs(chosen)).containsExactly(values.values());
        assertThat(chosen.memory().byteSize()).isLessThanOrEqualTo(plain.memory().byteSize());
    }
}
