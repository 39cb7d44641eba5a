package dev.forge.executor.cpu.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikePatternTest {
    @Test
    void byteSearchFindsTheFirstMatchAtEveryOffsetAndLength() {
        Random random = new Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] text = new byte[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                // few distinct bytes, high ones included, so matches and borrows across bytes both happen
                text[i] = (byte) (random.nextInt(4) * 0x41 - 1);
            }
            int from = text.length == 0 ? 0 : random.nextInt(text.length + 1);
            int end = from + random.nextInt(text.length - from + 1);
            byte value = (byte) (random.nextInt(4) * 0x41 - 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (text[i] == value) {
                    expected = i;
                    break;
                }
            }
            assertThat(LikePattern.indexOfByte(text, from, end, value)).isEqualTo(expected);
        }
    }

    @Test
    void patternsWithRepeatedPrefixesBacktrackCorrectly() {
        LikePattern pattern = LikePattern.compile("%aab%", null);
        byte[] text = "aaaaaaaaaaaab".getBytes(StandardCharsets.UTF_8);
        assertThat(pattern.matches(text, 0, text.length)).isTrue();
        assertThat(pattern.matches(text, 0, text.length - 1)).isFalse();
        LikePattern anchored = LikePattern.compile("a%b%a", null);
        byte[] aba = "abba".getBytes(StandardCharsets.UTF_8);
        byte[] ab = "ab".getBytes(StandardCharsets.UTF_8);
        assertThat(anchored.matches(aba, 0, aba.length)).isTrue();
        assertThat(anchored.matches(ab, 0, ab.length)).isFalse();
    }
}
