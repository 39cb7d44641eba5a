package dev.forge.cuda.compile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled kernels on disk, one file per cache key, shared by every Forge process of the user.
 *
 * <p>An entry is written to a temporary file and renamed into place, so a crash never leaves half an entry; each
 * entry ends with a SHA-256 of its contents, so a damaged one is detected, deleted and compiled again. A cache that
 * cannot be written (read-only home, full disk) only costs compile time: it is reported once and skipped.
 */
public final class KernelDiskCache {
    private static final byte[] MAGIC = "FORGEKC1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger("dev.forge.cuda.compile");

    private final Path folder;
    private final AtomicLong corruptEntries = new AtomicLong();
    private volatile boolean writeFailureReported;

    public KernelDiskCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The user's kernel cache: {@code forge.cache.dir} (system property), {@code FORGE_CACHE_DIR},
     * {@code $XDG_CACHE_HOME/forge} or {@code ~/.cache/forge}, with {@code kernels} below it.
     */
    public static KernelDiskCache userDefault() {
        return new KernelDiskCache(defaultCacheRoot().resolve("kernels"));
    }

    public static Path defaultCacheRoot() {
        String configured = System.getProperty("forge.cache.dir", System.getenv("FORGE_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "forge");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "forge");
    }

    public Path folder() {
        return folder;
    }

    /** How many damaged entries were found (and deleted) since this object was made. */
    public long corruptEntries() {
        return corruptEntries.get();
    }

    Path entryPath(String key) {
        return folder.resolve(key + ".kernel");
    }

    Optional<KernelBinary> read(String key) {
        Path path = entryPath(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException missing) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes));
        } catch (IOException | RuntimeException damaged) {
            corruptEntries.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "kernel cache entry " + path + " is damaged (" + damaged.getMessage()
                    + "); deleting it and compiling again");
            try {
                Files.deleteIfExists(path);
            } catch (IOException undeletable) {
                // the next write replaces it anyway
            }
            return Optional.empty();
        }
    }

    void write(String key, KernelBinary binary) {
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, key, ".partial");
            try {
                Files.write(temporary, encode(binary));
                try {
                    Files.move(temporary, entryPath(key), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(temporary, entryPath(key), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException unwritable) {
            if (!writeFailureReported) {
                writeFailureReported = true;
                LOG.log(System.Logger.Level.WARNING, "cannot write the kernel cache in " + folder + " ("
                        + unwritable.getMessage() + "); kernels will be compiled in every process");
            }
        }
    }

    private static byte[] encode(KernelBinary binary) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(binary.image().length + 256);
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeUTF(binary.kind().name());
        out.writeInt(binary.loweredNames().size());
        for (Map.Entry<String, String> entry : binary.loweredNames().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeUTF(entry.getValue());
        }
        out.writeInt(binary.image().length);
        out.write(binary.image());
        out.flush();
        byte[] body = buffer.toByteArray();
        out.write(sha256(body, body.length));
        out.flush();
        return buffer.toByteArray();
    }

    private static KernelBinary decode(byte[] bytes) throws IOException {
        int digestLength = 32;
        if (bytes.length < MAGIC.length + digestLength) {
            throw new IOException("truncated to " + bytes.length + " bytes");
        }
        int bodyLength = bytes.length - digestLength;
        if (!Arrays.equals(sha256(bytes, bodyLength), Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bodyLength));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Forge kernel cache entry");
        }
        KernelBinary.ImageKind kind = KernelBinary.ImageKind.valueOf(in.readUTF());
        int names = in.readInt();
        Map<String, String> lowered = new LinkedHashMap<>();
        for (int i = 0; i < names; i++) {
            lowered.put(in.readUTF(), in.readUTF());
        }
        int imageLength = in.readInt();
        byte[] image = in.readNBytes(imageLength);
        if (image.length != imageLength || in.available() != 0) {
            throw new IOException("image length does not match the entry");
        }
        return new KernelBinary(image, kind, KernelBinary.Origin.DISK_CACHE, lowered, "", 0);
    }

    static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("the JDK has no SHA-256", impossible);
        }
    }
}
