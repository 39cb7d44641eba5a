package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Damaged chunks either fail {@link EncodedChunk#parse} with an {@link InvalidChunkException} or parse into a chunk
 * that decodes without leaving its memory: what parse accepts, the decoders (the GPU's included) can trust.
 */
class DamagedChunkTest {

    @Test
    void parseRejectsOrDecodesSafelyAfterRandomDamage() {
        SplittableRandom random = new SplittableRandom(77);
        int rejected = 0;
        int accepted = 0;
        for (Encoding encoding : Encoding.values()) {
            for (ValueShapes shape : ValueShapes.values()) {
                for (int valueBytes : new int[] {4, 8}) {
                    int count = 1 + random.nextInt(3000);
                    EncodedChunk chunk = ChunkEncoder.encode(shape.chunk(random.nextLong(), count, valueBytes), 0, null,
                            Optional.of(encoding)).chunk();
                    byte[] original = chunk.memory().toArray(Layouts.BYTE);
                    for (int trial = 0; trial < 40; trial++) {
                        byte[] damaged = original.clone();
                        int flips = 1 + random.nextInt(3);
                        for (int f = 0; f < flips; f++) {
                            // Mostly the header, where one byte changes what every other byte means.
                            int position = random.nextInt(4) == 0 ? random.nextInt(damaged.length)
                                    : random.nextInt(EncodedChunk.HEADER_BYTES);
                            damaged[position] ^= (byte) (1 << random.nextInt(8));
                        }
                        EncodedChunk parsed;
                        try {
                            parsed = EncodedChunk.parse(MemorySegment.ofArray(damaged));
                        } catch (InvalidChunkException expected) {
                            rejected++;
                            continue;
                        }
                        accepted++;
                        MemorySegment out = MemorySegment.ofArray(new byte[parsed.count() * parsed.valueBytes()]);
                        ChunkDecoder.decode(parsed, out); // must not throw: every access was checked by parse
                    }
                }
            }
        }
        assertThat(rejected).isGreaterThan(1000);
        assertThat(accepted).isPositive(); // flips in values or unused bytes are data, not structure
    }
}
