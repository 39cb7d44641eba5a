package dev.forge.cuda.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelDiskCacheTest {

    @TempDir
    Path folder;

    private static KernelBinary binary(int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        return new KernelBinary(image, KernelBinary.ImageKind.CUBIN, KernelBinary.Origin.NVRTC,
                Map.of("scale<int>", "_Z5scaleIiEvPT_S0_"), "", 1234);
    }

    @Test
    void entriesReadBackAsWritten() throws IOException {
        KernelDiskCache cache = new KernelDiskCache(folder);
        KernelBinary written = binary(10_000);
        cache.write("abc", written);
        KernelBinary read = cache.read("abc").orElseThrow();
        assertThat(read.image()).isEqualTo(written.image());
        assertThat(read.kind()).isEqualTo(KernelBinary.ImageKind.CUBIN);
        assertThat(read.origin()).isEqualTo(KernelBinary.Origin.DISK_CACHE);
        assertThat(read.loweredNames()).isEqualTo(written.loweredNames());
        assertThat(cache.read("missing")).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("abc.kernel");
        }
    }

    @Test
    void aFlippedByteIsDetectedAndTheEntryDeleted() throws IOException {
        KernelDiskCache cache = new KernelDiskCache(folder);
        cache.write("key", binary(4096));
        Path entry = cache.entryPath("key");
        byte[] bytes = Files.readAllBytes(entry);
        for (int position : new int[] {0, 20, bytes.length / 2, bytes.length - 1}) {
            byte[] damaged = bytes.clone();
            damaged[position] ^= 0x01;
            Files.write(entry, damaged);
            assertThat(cache.read("key")).as("flipped byte at %d", position).isEmpty();
            assertThat(entry).doesNotExist();
        }
        assertThat(cache.corruptEntries()).isEqualTo(4);
    }

    @Test
    void aTruncatedEntryIsDetected() throws IOException {
        KernelDiskCache cache = new KernelDiskCache(folder);
        cache.write("key", binary(4096));
        Path entry = cache.entryPath("key");
        byte[] bytes = Files.readAllBytes(entry);
        for (int length : new int[] {0, 5, 40, bytes.length - 1}) {
            Files.write(entry, Arrays.copyOf(bytes, length));
            assertThat(cache.read("key")).as("truncated to %d bytes", length).isEmpty();
        }
        assertThat(cache.corruptEntries()).isEqualTo(4);
    }

    @Test
    void anUnwritableFolderCostsOnlyTheCacheNotTheCompile() throws IOException {
        Path notAFolder = folder.resolve("file");
        Files.writeString(notAFolder, "in the way");
        KernelDiskCache cache = new KernelDiskCache(notAFolder.resolve("kernels"));
        cache.write("key", binary(100));
        cache.write("other", binary(100));
        assertThat(cache.read("key")).isEmpty();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        KernelDiskCache cache = new KernelDiskCache(folder);
        for (int i = 0; i < 5; i++) {
            cache.write("key" + i, binary(1000 + i));
        }
        try (var files = Files.list(folder)) {
            assertThat(files.filter(path -> !path.toString().endsWith(".kernel"))).isEmpty();
        }
    }
}
