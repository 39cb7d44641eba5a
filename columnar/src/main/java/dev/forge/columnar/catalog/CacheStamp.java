package dev.forge.columnar.catalog;

import dev.forge.columnar.io.BadRowPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What a cached table was made from: each source's name, size and modification time, and how bad rows were treated
 * (a cache made skipping them must not satisfy a load that fails on them). The cache is valid while the stamp written
 * beside it equals the stamp of the sources now.
 */
record CacheStamp(String text) {
    /** Bumped when the readers change what they make of the same bytes, so old caches are rebuilt. */
    private static final String VERSION = "forge-cache 1";

    static CacheStamp of(List<Path> sources, BadRowPolicy badRows) throws IOException {
        StringBuilder text = new StringBuilder(VERSION).append('\n').append("bad rows: ").append(badRows).append('\n');
        for (Path source : sources) {
            BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
            text.append(source.getFileName()).append('\t').append(attributes.size()).append('\t')
                    .append(attributes.lastModifiedTime().toInstant()).append('\n');
        }
        return new CacheStamp(text.toString());
    }
}
