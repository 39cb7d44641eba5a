package dev.forge.engine;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.Table;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;

/**
 * The rows and bytes a plan's scans read: each scan counts its table's rows and the in-memory size of the columns it
 * projects (values, validity, string bytes, dictionaries). Known without running anything, so cheap to report.
 */
record ScanVolume(long rows, long bytes) {
    static ScanVolume of(PlanNode plan, TableCatalog catalog) {
        if (plan instanceof Scan scan) {
            Table table = catalog.table(scan.table());
            long bytes = 0;
            for (int column : scan.columns()) {
                bytes += bytes(table.column(column).view());
            }
            return new ScanVolume(table.rowCount(), bytes);
        }
        long rows = 0;
        long bytes = 0;
        for (PlanNode input : plan.inputs()) {
            ScanVolume volume = of(input, catalog);
            rows += volume.rows;
            bytes += volume.bytes;
        }
        return new ScanVolume(rows, bytes);
    }

    private static long bytes(ColumnView view) {
        long length = view.length();
        long validity = view.validity() == null ? 0 : (length + 7) / 8;
        long values = switch (view.physicalType()) {
            case BIT -> (length + 7) / 8;
            case INT32, INT64, FLOAT32, FLOAT64, INT128 -> length * view.physicalType().valueBytes();
            case STRING -> view.dictionary() != null ? length * 4L + bytes(view.dictionary())
                    : (length + 1) * 8 + view.values().getAtIndex(Layouts.LONG, length);
        };
        return validity + values;
    }
}
