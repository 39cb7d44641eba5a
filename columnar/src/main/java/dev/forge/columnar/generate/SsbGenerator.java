package dev.forge.columnar.generate;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.Concatenation;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.ProgressListener;
import io.trino.tpch.LineItem;
import io.trino.tpch.Nation;
import io.trino.tpch.Order;
import io.trino.tpch.Region;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Star Schema Benchmark (O'Neil et al., revision 3) at any scale factor. LINEORDER is derived from the TPC-H
 * ORDERS and LINEITEM streams as the specification describes (one row per line item, order columns repeated, keys
 * folded into the smaller SSB dimensions, prices from the part's retail price); the dimensions have the SSB columns,
 * with values drawn from a random stream seeded by the row's key, so the data does not depend on the thread count.
 * Money columns are whole cents in INT64, discounts and taxes whole percent, date references {@code yyyymmdd} keys.
 */
public final class SsbGenerator {
    public static final List<String> TABLES = List.of("date", "customer", "supplier", "part", "lineorder");

    private static final long ROWS_PER_PART = 50_000;
    private static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};
    private static final String[] COLORS = {"almond", "antique", "aquamarine", "azure", "beige", "bisque", "black",
            "blanched", "blue", "blush", "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral",
            "cornflower", "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral",
            "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory",
            "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium",
            "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale",
            "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal",
            "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan",
            "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow"};
    private static final String[] TYPE_SIZES = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
    private static final String[] TYPE_FINISHES = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
    private static final String[] TYPE_METALS = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
    private static final String[] CONTAINER_SIZES = {"SM", "LG", "MED", "JUMBO", "WRAP"};
    private static final String[] CONTAINER_KINDS = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"};
    private static final String ADDRESS_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,";

    private final double scaleFactor;
    private final int threads;
    private final ProgressListener progress;
    private final String[] nationNames = new String[25];
    private final String[] nationRegions = new String[25];

    public SsbGenerator(double scaleFactor, int threads, ProgressListener progress) {
        ScaleFactors.require(scaleFactor);
        this.scaleFactor = scaleFactor;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        List<String> regions = new ArrayList<>();
        for (Region region : TpchTable.REGION.createGenerator(1, 1, 1)) {
            regions.add(region.name());
        }
        for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
            nationNames[(int) nation.nationKey()] = nation.name();
            nationRegions[(int) nation.nationKey()] = regions.get((int) nation.regionKey());
        }
    }

    public long customerCount() {
        return Math.max(1, (long) (30_000 * scaleFactor));
    }

    public long supplierCount() {
        return Math.max(1, (long) (2_000 * scaleFactor));
    }

    /** 200,000 x floor(1 + log2(SF)) from SF 1 up; below SF 1, in proportion to the scale factor. */
    public long partCount() {
        if (scaleFactor < 1) {
            return Math.max(1, (long) (200_000 * scaleFactor));
        }
        return 200_000L * (long) Math.floor(1 + Math.log(scaleFactor) / Math.log(2));
    }

    public long estimatedRows(String table) {
        return switch (table) {
            case "date" -> SsbDates.dayCount();
            case "customer" -> customerCount();
            case "supplier" -> supplierCount();
            case "part" -> partCount();
            case "lineorder" -> (long) (6_000_000 * scaleFactor);
            default -> throw unknown(table);
        };
    }

    public Schema schema(String table) {
        return switch (table) {
            case "date" -> schema("d_datekey", DataType.INT32, "d_date", DataType.VARCHAR, "d_dayofweek", DataType.VARCHAR,
                    "d_month", DataType.VARCHAR, "d_year", DataType.INT32, "d_yearmonthnum", DataType.INT32,
                    "d_yearmonth", DataType.VARCHAR, "d_daynuminweek", DataType.INT32, "d_daynuminmonth", DataType.INT32,
                    "d_daynuminyear", DataType.INT32, "d_monthnuminyear", DataType.INT32, "d_weeknuminyear",
                    DataType.INT32, "d_sellingseason", DataType.VARCHAR, "d_lastdayinweekfl", DataType.INT32,
                    "d_lastdayinmonthfl", DataType.INT32, "d_holidayfl", DataType.INT32, "d_weekdayfl", DataType.INT32);
            case "customer" -> schema("c_custkey", DataType.INT32, "c_name", DataType.VARCHAR, "c_address",
                    DataType.VARCHAR, "c_city", DataType.VARCHAR, "c_nation", DataType.VARCHAR, "c_region",
                    DataType.VARCHAR, "c_phone", DataType.VARCHAR, "c_mktsegment", DataType.VARCHAR);
            case "supplier" -> schema("s_suppkey", DataType.INT32, "s_name", DataType.VARCHAR, "s_address",
                    DataType.VARCHAR, "s_city", DataType.VARCHAR, "s_nation", DataType.VARCHAR, "s_region",
                    DataType.VARCHAR, "s_phone", DataType.VARCHAR);
            case "part" -> schema("p_partkey", DataType.INT32, "p_name", DataType.VARCHAR, "p_mfgr", DataType.VARCHAR,
                    "p_category", DataType.VARCHAR, "p_brand1", DataType.VARCHAR, "p_color", DataType.VARCHAR, "p_type",
                    DataType.VARCHAR, "p_size", DataType.INT32, "p_container", DataType.VARCHAR);
            case "lineorder" -> schema("lo_orderkey", DataType.INT64, "lo_linenumber", DataType.INT32, "lo_custkey",
                    DataType.INT32, "lo_partkey", DataType.INT32, "lo_suppkey", DataType.INT32, "lo_orderdate",
                    DataType.INT32, "lo_orderpriority", DataType.VARCHAR, "lo_shippriority", DataType.INT32,
                    "lo_quantity", DataType.INT32, "lo_extendedprice", DataType.INT64, "lo_ordtotalprice",
                    DataType.INT64, "lo_discount", DataType.INT32, "lo_revenue", DataType.INT64, "lo_supplycost",
                    DataType.INT64, "lo_tax", DataType.INT32, "lo_commitdate", DataType.INT32, "lo_shipmode",
                    DataType.VARCHAR);
            default -> throw unknown(table);
        };
    }

    private static Schema schema(Object... namesAndTypes) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(Field.required((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
        }
        return new Schema(fields);
    }

    /** The whole table in memory; the caller owns it. */
    public Table generate(String table) throws IOException {
        Schema schema = schema(table);
        long rows = estimatedRows(table);
        int parts = table.equals("lineorder") ? orderParts() : (int) Math.max(1, Math.min(4096, rows / ROWS_PER_PART));
        List<Table> pieces = new ArrayList<>(parts);
        long[] done = {0};
        try {
            PartitionedWork.run(parts, threads, part -> generatePart(table, schema, part, parts), (part, piece) -> {
                pieces.add(piece);
                done[0] += piece.rowCount();
                progress.update(table, done[0], rows);
            });
            return pieces.size() == 1 ? pieces.removeFirst() : Concatenation.tables(schema, pieces);
        } catch (IOException | RuntimeException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new IOException("generating SSB " + table + ": " + failed.getMessage(), failed);
        } finally {
            pieces.forEach(Table::close);
        }
    }

    private int orderParts() {
        return Math.clamp((long) (1_500_000 * scaleFactor) / ROWS_PER_PART, 1, 4096);
    }

    private Table generatePart(String table, Schema schema, int part, int parts) {
        long rows = estimatedRows(table);
        long first = rows * part / parts + 1;
        long end = rows * (part + 1) / parts + 1;
        ColumnBuilder[] builders = new ColumnBuilder[schema.size()];
        try {
            for (int c = 0; c < builders.length; c++) {
                builders[c] = ColumnBuilder.of(schema.field(c).type(), Math.max(16, end - first));
            }
            switch (table) {
                case "date" -> dates(builders, first, end);
                case "customer" -> customers(builders, first, end);
                case "supplier" -> suppliers(builders, first, end);
                case "part" -> parts(builders, first, end);
                case "lineorder" -> lineorders(builders, part + 1, parts);
                default -> throw unknown(table);
            }
            List<Column> columns = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            return new Table(schema, columns);
        } finally {
            for (ColumnBuilder builder : builders) {
                if (builder != null) {
                    builder.close();
                }
            }
        }
    }

    private static void dates(ColumnBuilder[] out, long first, long end) {
        for (long row = first; row < end; row++) {
            LocalDate date = SsbDates.FIRST.plusDays(row - 1);
            int column = 0;
            out[column++].appendInt(SsbDates.key(date));
            out[column++].appendString(SsbDates.longText(date));
            out[column++].appendString(SsbDates.dayName(date));
            out[column++].appendString(SsbDates.monthName(date));
            out[column++].appendInt(date.getYear());
            out[column++].appendInt(date.getYear() * 100 + date.getMonthValue());
            out[column++].appendString(SsbDates.yearMonth(date));
            out[column++].appendInt(SsbDates.dayNumberInWeek(date));
            out[column++].appendInt(date.getDayOfMonth());
            out[column++].appendInt(date.getDayOfYear());
            out[column++].appendInt(date.getMonthValue());
            out[column++].appendInt(SsbDates.weekNumberInYear(date));
            out[column++].appendString(SsbDates.sellingSeason(date));
            out[column++].appendInt(SsbDates.dayNumberInWeek(date) == 7 ? 1 : 0);
            out[column++].appendInt(date.getDayOfMonth() == date.lengthOfMonth() ? 1 : 0);
            out[column++].appendInt(SsbDates.holiday(date) ? 1 : 0);
            out[column].appendInt(SsbDates.dayNumberInWeek(date) >= 2 && SsbDates.dayNumberInWeek(date) <= 6 ? 1 : 0);
        }
    }

    private void customers(ColumnBuilder[] out, long first, long end) {
        for (long key = first; key < end; key++) {
            SplittableRandom random = rowRandom(1, key);
            int nation = random.nextInt(25);
            out[0].appendInt((int) key);
            out[1].appendString(String.format("Customer#%09d", key));
            out[2].appendString(address(random));
            out[3].appendString(city(nation, random));
            out[4].appendString(nationNames[nation]);
            out[5].appendString(nationRegions[nation]);
            out[6].appendString(phone(nation, random));
            out[7].appendString(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
    }

    private void suppliers(ColumnBuilder[] out, long first, long end) {
        for (long key = first; key < end; key++) {
            SplittableRandom random = rowRandom(2, key);
            int nation = random.nextInt(25);
            out[0].appendInt((int) key);
            out[1].appendString(String.format("Supplier#%09d", key));
            out[2].appendString(address(random));
            out[3].appendString(city(nation, random));
            out[4].appendString(nationNames[nation]);
            out[5].appendString(nationRegions[nation]);
            out[6].appendString(phone(nation, random));
        }
    }

    private static void parts(ColumnBuilder[] out, long first, long end) {
        for (long key = first; key < end; key++) {
            SplittableRandom random = rowRandom(3, key);
            int manufacturer = random.nextInt(1, 6);
            int category = random.nextInt(1, 6);
            int brand = random.nextInt(1, 41);
            String color = COLORS[random.nextInt(COLORS.length)];
            out[0].appendInt((int) key);
            out[1].appendString(color + " " + COLORS[random.nextInt(COLORS.length)]);
            out[2].appendString("MFGR#" + manufacturer);
            out[3].appendString("MFGR#" + manufacturer + category);
            out[4].appendString("MFGR#" + manufacturer + category + brand);
            out[5].appendString(color);
            out[6].appendString(TYPE_SIZES[random.nextInt(TYPE_SIZES.length)] + " "
                    + TYPE_FINISHES[random.nextInt(TYPE_FINISHES.length)] + " " + TYPE_METALS[random.nextInt(TYPE_METALS.length)]);
            out[7].appendInt(random.nextInt(1, 51));
            out[8].appendString(CONTAINER_SIZES[random.nextInt(CONTAINER_SIZES.length)] + " "
                    + CONTAINER_KINDS[random.nextInt(CONTAINER_KINDS.length)]);
        }
    }

    /**
     * One TPC-H order part and its line items, zipped: each line item becomes a LINEORDER row carrying its order's
     * columns and the order's total over its lines.
     */
    private void lineorders(ColumnBuilder[] out, int part, int parts) {
        Iterator<LineItem> items = TpchTable.LINE_ITEM.createGenerator(scaleFactor, part, parts).iterator();
        LineItem pending = items.hasNext() ? items.next() : null;
        List<LineItem> lines = new ArrayList<>(7);
        long customers = customerCount();
        long partKeys = partCount();
        long suppliers = supplierCount();
        for (Order order : TpchTable.ORDERS.createGenerator(scaleFactor, part, parts)) {
            lines.clear();
            while (pending != null && pending.orderKey() == order.orderKey()) {
                lines.add(pending);
                pending = items.hasNext() ? items.next() : null;
            }
            long total = 0;
            for (LineItem line : lines) {
                long extended = line.quantity() * retailPriceCents(fold(line.partKey(), partKeys));
                total += extended * (100 - line.discountPercent()) * (100 + line.taxPercent()) / 10_000;
            }
            for (LineItem line : lines) {
                long partKey = fold(line.partKey(), partKeys);
                long retail = retailPriceCents(partKey);
                long extended = line.quantity() * retail;
                out[0].appendLong(order.orderKey());
                out[1].appendInt(line.lineNumber());
                out[2].appendInt((int) fold(order.customerKey(), customers));
                out[3].appendInt((int) partKey);
                out[4].appendInt((int) fold(line.supplierKey(), suppliers));
                out[5].appendInt(SsbDates.key(order.orderDate()));
                out[6].appendString(order.orderPriority());
                out[7].appendInt(order.shipPriority());
                out[8].appendInt((int) line.quantity());
                out[9].appendLong(extended);
                out[10].appendLong(total);
                out[11].appendInt((int) line.discountPercent());
                out[12].appendLong(extended * (100 - line.discountPercent()) / 100);
                out[13].appendLong(6 * retail / 10);
                out[14].appendInt((int) line.taxPercent());
                out[15].appendInt(SsbDates.key(line.commitDate()));
                out[16].appendString(line.shipMode());
            }
        }
        if (pending != null) {
            throw new IllegalStateException("TPC-H line item of order " + pending.orderKey() + " has no order in part " + part);
        }
    }

    /** A TPC-H key folded onto the smaller SSB key range {@code 1..count}. */
    private static long fold(long key, long count) {
        return (key - 1) % count + 1;
    }

    /** TPC-H's retail price formula (clause 4.2.3), in cents. */
    static long retailPriceCents(long partKey) {
        return 90_000 + ((partKey / 10) % 20_001) + 100 * (partKey % 1_000);
    }

    private static SplittableRandom rowRandom(int table, long key) {
        return new SplittableRandom(key * 0x9E3779B97F4A7C15L + table * 0xBF58476D1CE4E5B9L);
    }

    /** SSB city: the nation's name cut or padded to 9 characters, then a digit. */
    private String city(int nation, SplittableRandom random) {
        String name = nationNames[nation];
        String prefix = name.length() >= 9 ? name.substring(0, 9) : name + " ".repeat(9 - name.length());
        return prefix + random.nextInt(10);
    }

    private static String phone(int nation, SplittableRandom random) {
        return String.format("%02d-%03d-%03d-%04d", nation + 10, random.nextInt(100, 1000), random.nextInt(100, 1000),
                random.nextInt(1000, 10000));
    }

    private static String address(SplittableRandom random) {
        int length = random.nextInt(10, 26);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ADDRESS_CHARACTERS.charAt(random.nextInt(ADDRESS_CHARACTERS.length())));
        }
        return text.toString();
    }

    private static IllegalArgumentException unknown(String table) {
        return new IllegalArgumentException("SSB has no table '" + table + "'; its tables are " + TABLES);
    }
}
