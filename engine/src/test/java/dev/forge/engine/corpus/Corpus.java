package dev.forge.engine.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SQL corpus: every {@code corpus/*.sql} file on the class path (in this module's test resources, or in its
 * test-jar when another module runs it), parsed into cases, files in name order.
 */
public final class Corpus {
    private static final String FOLDER = "corpus";

    private Corpus() {
    }

    /** Each file's name and its cases. */
    public static Map<String, List<CorpusCase>> load() {
        java.util.TreeMap<String, List<CorpusCase>> files = new java.util.TreeMap<>();
        forEachFile((name, text) -> files.put(name, CorpusParser.parse(name, text)));
        return files;
    }

    public static List<CorpusCase> allCases() {
        return load().values().stream().flatMap(List::stream).toList();
    }

    private interface FileVisitor {
        void visit(String name, String text) throws IOException;
    }

    private static void forEachFile(FileVisitor visitor) {
        URL folder = Corpus.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no '" + FOLDER + "' folder on the class path");
        }
        try {
            URI uri = folder.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem jar;
                try {
                    jar = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException notOpen) {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                }
                visit(jar.provider().getPath(uri), visitor);
            } else {
                visit(Path.of(uri), visitor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void visit(Path folder, FileVisitor visitor) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(path -> path.getFileName().toString().endsWith(".sql")).forEach(files::add);
        }
        for (Path file : files) {
            visitor.visit(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
    }
}
