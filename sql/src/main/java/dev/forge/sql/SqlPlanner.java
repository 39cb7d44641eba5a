package dev.forge.sql;

import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.TableCatalog;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Plans SQL over a {@link TableCatalog} into Forge's physical plan: Calcite parses, validates and optimises
 * ({@link QueryOptimizer}), then {@link PlanTranslator} builds the {@link PlanNode} tree, which {@link PlanValidator}
 * checks before it is returned. A planner holds no per-query state; each {@link #plan} sees the catalog as it is then.
 *
 * <p>{@code EXPLAIN ...} is not a query and is refused ({@link SqlException.Kind#UNSUPPORTED}): callers explain a plan
 * with {@link PlannedQuery#explain()}.
 */
public final class SqlPlanner {
    private static final SqlParser.Config PARSER = SqlParser.config()
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.DEFAULT);

    /** The standard operators plus the few library functions the benchmark texts use ({@code date('...')}). */
    private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(SqlLibraryOperators.DATE));

    private final TableCatalog catalog;

    public SqlPlanner(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public PlannedQuery plan(String sql) {
        long start = System.nanoTime();
        Planning planning = new Planning(sql);
        long setUp = System.nanoTime();
        RelRoot root = planning.convert();
        long converted = System.nanoTime();
        RelNode optimised = QueryOptimizer.optimise(root.project());
        long optimisedAt = System.nanoTime();
        PlanNode plan = new PlanTranslator(optimised.getCluster().getMetadataQuery()).translate(optimised,
                root.fields.rightList());
        try {
            PlanValidator.validate(plan);
        } catch (RuntimeException invalid) {
            throw new IllegalStateException("the SQL planner produced an invalid plan for: " + sql + "\n"
                    + invalid.getMessage(), invalid);
        }
        long translated = System.nanoTime();
        PlanningPhases phases = new PlanningPhases(setUp - start, planning.parseNanos, planning.validateNanos,
                converted - setUp - planning.parseNanos - planning.validateNanos, optimisedAt - converted,
                translated - optimisedAt);
        return new PlannedQuery(sql, plan, List.copyOf(root.validatedRowType.getFieldNames()), phases);
    }

    /** The logical plan straight from the converter. */
    RelNode convertedRel(String sql) {
        return new Planning(sql).convert().project();
    }

    /** The optimised Calcite plan, before translation (for tests and for looking at what Calcite did). */
    RelNode optimisedRel(String sql) {
        return QueryOptimizer.optimise(new Planning(sql).convert().project());
    }

    /** One query's trip through parser, validator and converter, with the objects they share. */
    private final class Planning {
        private final String sql;
        private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(ForgeTypeSystem.INSTANCE);
        private final CalciteCatalogReader catalogReader;
        private final SqlValidator validator;
        private long parseNanos;
        private long validateNanos;

        Planning(String sql) {
            this.sql = sql;
            CalciteSchema root = CalciteSchema.createRootSchema(false, false);
            for (String table : catalog.tableNames()) {
                root.add(table, new CatalogTable(table, catalog));
            }
            Properties properties = new Properties();
            properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
            CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
            catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory, config);
            validator = SqlValidatorUtil.newValidator(OPERATORS, catalogReader, typeFactory, SqlValidator.Config.DEFAULT
                    .withIdentifierExpansion(true)
                    .withConformance(SqlConformanceEnum.DEFAULT)
                    // DuckDB, the oracle, puts NULLs last in both directions unless told otherwise.
                    .withDefaultNullCollation(NullCollation.LAST));
        }

        RelRoot convert() {
            long start = System.nanoTime();
            SqlErrors errors = new SqlErrors(catalog);
            UnsupportedFeatures.checkText(sql);
            SqlNode parsed;
            try {
                parsed = SqlParser.create(sql, PARSER).parseQuery();
            } catch (SqlParseException e) {
                throw errors.syntax(e);
            }
            UnsupportedFeatures.check(parsed);
            long parsedAt = System.nanoTime();
            SqlNode validated;
            try {
                validated = validator.validate(parsed);
            } catch (RuntimeException e) {
                throw errors.validation(e, parsed);
            }
            parseNanos = parsedAt - start;
            validateNanos = System.nanoTime() - parsedAt;
            HepPlanner hep = new HepPlanner(HepProgram.builder().build());
            RelOptCluster cluster = RelOptCluster.create(hep, new RexBuilder(typeFactory));
            cluster.setMetadataQuerySupplier(CatalogMetadata::query);
            SqlToRelConverter converter = new SqlToRelConverter((rowType, queryString, schemaPath, viewPath) -> {
                throw new UnsupportedOperationException("views");
            }, validator, catalogReader, cluster, StandardConvertletTable.INSTANCE, SqlToRelConverter.config()
                    .withExpand(false)
                    .withTrimUnusedFields(true)
                    // Keep IN lists as lists (Calcite turns them into searches) rather than joins with VALUES.
                    .withInSubQueryThreshold(Integer.MAX_VALUE));
            return converter.convertQuery(validated, false, true);
        }
    }
}
