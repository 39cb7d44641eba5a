package dev.forge.columnar.catalog;

import java.util.List;
import java.nio.file.Path;

/** A table of a folder catalog: its name, format and source files (several for a folder of same-schema files). */
public record CatalogTable(String name, FileFormat format, List<Path> sources) {
    public CatalogTable {
        sources = List.copyOf(sources);
    }
}
