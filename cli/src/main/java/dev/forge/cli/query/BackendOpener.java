package dev.forge.cli.query;

import dev.forge.columnar.io.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/** Opens a {@link QueryBackend} over folders and files; tests substitute their own. */
@FunctionalInterface
public interface BackendOpener {
    QueryBackend open(List<Path> foldersOrFiles, ProgressListener progress) throws QueryFailure;
}
