package dev.forge.sql;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.SortKey;
import dev.forge.plan.TopN;
import dev.forge.plan.UnionAll;
import dev.forge.plan.Values;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Builds Forge's physical plan from Calcite's optimised logical plan, bottom-up. Filters and column selections
 * directly over a table become the {@link Scan}'s own filters and columns; joins are translated by
 * {@link JoinTranslator}; sorts with a fetch become {@link TopN}, a fetch alone a {@link Limit}. An operator Forge has
 * no counterpart for is an UNSUPPORTED {@link SqlException} naming the feature.
 */
final class PlanTranslator {
    private final JoinTranslator joins;

    PlanTranslator(RelMetadataQuery metadata) {
        this.joins = new JoinTranslator(this, metadata);
    }

    PlanNode translate(RelNode rel, List<String> names) {
        return translate(rel);
    }

    PlanNode translate(RelNode rel) {
        return switch (rel) {
            case TableScan scan -> scan(scan);
            case org.apache.calcite.rel.core.Filter filter -> filter(filter);
            case org.apache.calcite.rel.core.Project project -> project(project);
            case Join join -> joins.translate(join);
            case Aggregate aggregate -> aggregate(aggregate);
            case org.apache.calcite.rel.core.Sort sort -> sort(sort);
            case Union union -> union(union);
            case org.apache.calcite.rel.core.Values values -> values(values);
            case Correlate _ -> throw SqlException.unsupported("this correlated sub-query (it could not be "
                    + "rewritten as a join)");
            case Window _ -> throw SqlException.unsupported("window functions (OVER)");
            case Intersect _, Minus _ -> throw SqlException.unsupported("INTERSECT ALL and EXCEPT ALL");
            default -> throw SqlException.unsupported("the relational operator " + rel.getRelTypeName());
        };
    }

    private PlanNode scan(TableScan scan) {
        CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
        if (table == null) {
            throw SqlException.unsupported("scanning " + scan.getTable().getQualifiedName());
        }
        List<Field> fields = table.schema().fields();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(i);
        }
        return new Scan(table.name(), columns, fields, List.of());
    }

    private PlanNode filter(org.apache.calcite.rel.core.Filter filter) {
        PlanNode input = translate(filter.getInput());
        ExpressionTranslator expressions = new ExpressionTranslator(input.fields());
        if (input instanceof Scan scan) {
            List<Expr> filters = new ArrayList<>(scan.filters());
            for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
                filters.add(expressions.translate(conjunct));
            }
            return new Scan(scan.table(), scan.columns(), scan.fields(), filters);
        }
        return new Filter(input, expressions.translate(filter.getCondition()));
    }

    private PlanNode project(org.apache.calcite.rel.core.Project project) {
        PlanNode input = translate(project.getInput());
        List<String> names = project.getRowType().getFieldNames();
        ExpressionTranslator expressions = new ExpressionTranslator(input.fields());
        List<Expr> translated = project.getProjects().stream().map(expressions::translate).toList();
        if (input instanceof Scan scan) {
            Set<Integer> used = new HashSet<>();
            translated.forEach(expression -> collectColumns(expression, used));
            List<Integer> kept = keptColumns(scan, used);
            Scan narrowed = narrow(scan, kept);
            List<Expr> remapped = translated.stream().map(expression -> remap(expression, kept)).toList();
            if (isIdentity(remapped, narrowed.fields(), names)) {
                return narrowed;
            }
            return new Project(narrowed, remapped, names);
        }
        return new Project(input, translated, names);
    }

    private static boolean isIdentity(List<Expr> expressions, List<Field> fields, List<String> names) {
        if (expressions.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < expressions.size(); i++) {
            if (!(expressions.get(i) instanceof ColumnRef ref) || ref.index() != i
                    || !fields.get(i).name().equals(names.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The scan's columns (positions in its output) that {@code used} or its own filters need, in order. */
    private static List<Integer> keptColumns(Scan scan, Set<Integer> used) {
        Set<Integer> needed = new HashSet<>(used);
        scan.filters().forEach(filter -> collectColumns(filter, needed));
        if (needed.isEmpty() && !scan.fields().isEmpty()) {
            // COUNT(*) needs rows, not values: keep one column so the scan still has a row count to give.
            needed.add(0);
        }
        return needed.stream().sorted().toList();
    }

    /** The scan reading only the output columns {@code kept}, its filters renumbered. */
    private static Scan narrow(Scan scan, List<Integer> kept) {
        List<Integer> columns = kept.stream().map(scan.columns()::get).toList();
        List<Field> fields = kept.stream().map(scan.fields()::get).toList();
        List<Expr> filters = scan.filters().stream().map(filter -> remap(filter, kept)).toList();
        return new Scan(scan.table(), columns, fields, filters);
    }

    private static void collectColumns(Expr expression, Set<Integer> into) {
        switch (expression) {
            case ColumnRef ref -> into.add(ref.index());
            case Literal _ -> {
            }
            case dev.forge.plan.expr.Call call -> call.arguments().forEach(argument -> collectColumns(argument, into));
        }
    }

    /** The expression with column {@code references.get(i)} renumbered to {@code i}. */
    private static Expr remap(Expr expression, List<Integer> references) {
        return switch (expression) {
            case ColumnRef ref -> new ColumnRef(references.indexOf(ref.index()), ref.type(), ref.nullable());
            case Literal literal -> literal;
            case dev.forge.plan.expr.Call call -> new dev.forge.plan.expr.Call(call.operator(), call.arguments()
                    .stream().map(argument -> remap(argument, references)).toList(), call.type(), call.nullable());
        };
    }

    private PlanNode aggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw SqlException.unsupported("GROUPING SETS, ROLLUP and CUBE");
        }
        PlanNode input = translate(aggregate.getInput());
        List<Integer> groupKeys = aggregate.getGroupSet().asList();
        List<Integer> kept = null;
        if (input instanceof Scan scan) {
            Set<Integer> used = new HashSet<>(groupKeys);
            for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
                used.addAll(call.getArgList());
                if (call.filterArg >= 0) {
                    used.add(call.filterArg);
                }
            }
            kept = keptColumns(scan, used);
            input = narrow(scan, kept);
        }
        List<Integer> positions = kept;
        java.util.function.IntUnaryOperator position = index -> positions == null ? index : positions.indexOf(index);
        List<RelDataTypeField> output = aggregate.getRowType().getFieldList();
        int keyCount = aggregate.getGroupCount();
        List<AggregateCall> calls = new ArrayList<>();
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            org.apache.calcite.rel.core.AggregateCall call = aggregate.getAggCallList().get(i);
            AggregateFunction function = switch (call.getAggregation().getKind()) {
                case COUNT -> AggregateFunction.COUNT;
                case SUM -> AggregateFunction.SUM;
                case SUM0 -> AggregateFunction.SUM0;
                case MIN -> AggregateFunction.MIN;
                case MAX -> AggregateFunction.MAX;
                case AVG -> AggregateFunction.AVG;
                case SINGLE_VALUE -> AggregateFunction.SINGLE_VALUE;
                case ANY_VALUE -> AggregateFunction.ANY_VALUE;
                default -> throw SqlException.unsupported("the aggregate function " + call.getAggregation().getName());
            };
            if (call.getArgList().size() > 1) {
                throw SqlException.unsupported(call.getAggregation().getName() + " of several arguments");
            }
            if (!call.getCollation().getFieldCollations().isEmpty()) {
                throw SqlException.unsupported("ordered aggregates (WITHIN GROUP)");
            }
            RelDataTypeField field = output.get(keyCount + i);
            List<Integer> arguments = call.getArgList().stream().map(position::applyAsInt).toList();
            int filter = call.filterArg < 0 ? -1 : position.applyAsInt(call.filterArg);
            calls.add(new AggregateCall(function, arguments, call.isDistinct(), filter,
                    field.getName(), TypeMapping.toForge(call.getType()), call.getType().isNullable()));
        }
        return new HashAggregate(input, groupKeys.stream().map(position::applyAsInt).toList(), calls);
    }

    private PlanNode sort(org.apache.calcite.rel.core.Sort sort) {
        PlanNode input = translate(sort.getInput());
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation collation : sort.getCollation().getFieldCollations()) {
            boolean descending = collation.getDirection().isDescending();
            boolean nullsFirst = collation.nullDirection == RelFieldCollation.NullDirection.FIRST;
            keys.add(new SortKey(collation.getFieldIndex(), descending, nullsFirst));
        }
        long offset = sort.offset == null ? 0 : constant(sort.offset, "OFFSET");
        long limit = sort.fetch == null ? Limit.UNLIMITED : constant(sort.fetch, "LIMIT");
        if (keys.isEmpty()) {
            return offset == 0 && limit == Limit.UNLIMITED ? input : new Limit(input, offset, limit);
        }
        return offset == 0 && limit == Limit.UNLIMITED ? new Sort(input, keys) : new TopN(input, keys, offset, limit);
    }

    private static long constant(RexNode node, String clause) {
        if (!(node instanceof RexLiteral literal)) {
            throw SqlException.unsupported(clause + " that is not a constant");
        }
        return literal.getValueAs(Long.class);
    }

    private PlanNode union(Union union) {
        if (!union.all) {
            throw SqlException.unsupported("UNION without ALL here (it should have been rewritten)");
        }
        List<Field> target = fieldsOf(union);
        List<PlanNode> inputs = new ArrayList<>();
        for (RelNode input : union.getInputs()) {
            inputs.add(conform(translate(input), target));
        }
        return new UnionAll(inputs);
    }

    /** The node with each column cast to the type of {@code target}'s (a no-op when they agree). */
    static PlanNode conform(PlanNode node, List<Field> target) {
        List<Field> fields = node.fields();
        boolean same = true;
        List<Expr> expressions = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Expr reference = new ColumnRef(i, field.type(), field.nullable());
            Expr cast = ExpressionTranslator.cast(reference, target.get(i).type());
            same &= cast == reference;
            expressions.add(cast);
        }
        return same ? node : new Project(node, expressions, fields.stream().map(Field::name).toList());
    }

    private PlanNode values(org.apache.calcite.rel.core.Values values) {
        List<Field> fields = fieldsOf(values);
        List<List<Literal>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Literal> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                Expr literal = ExpressionTranslator.cast(Literals.of(tuple.get(i)), fields.get(i).type());
                if (!(literal instanceof Literal converted)) {
                    throw SqlException.unsupported("VALUES holding " + tuple.get(i) + " in a "
                            + fields.get(i).type() + " column");
                }
                row.add(converted);
            }
            rows.add(row);
        }
        return new Values(fields, rows);
    }

    static List<Field> fieldsOf(RelNode rel) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField field : rel.getRowType().getFieldList()) {
            DataType type = TypeMapping.toForge(field.getType());
            fields.add(new Field(field.getName(), type, field.getType().isNullable()));
        }
        return fields;
    }
}
