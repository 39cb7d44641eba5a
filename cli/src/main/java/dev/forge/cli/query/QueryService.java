package dev.forge.cli.query;

import dev.forge.columnar.io.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place the command line meets the query engine (module {@code engine}). The engine is not on this branch
 * yet, so opening a folder for queries says so; everything else in the command line is written against
 * {@link QueryBackend} and runs unchanged once this class adapts the engine's {@code Forge}/{@code Session} API.
 */
public final class QueryService {
    private QueryService() {
    }

    public static QueryBackend open(List<Path> foldersOrFiles, ProgressListener progress) throws QueryFailure {
        throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE,
                "this build of Forge has no query engine yet (module engine); forge generate, load, info and bench work",
                null);
    }
}
