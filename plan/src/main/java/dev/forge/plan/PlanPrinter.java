package dev.forge.plan;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * EXPLAIN text: one line per operator, inputs indented below it. Columns are written by name, with {@code #position}
 * added where a name occurs more than once in the operator's input, so the text reads like SQL and stays unambiguous.
 * The output is deterministic, which makes it usable as a snapshot.
 */
public final class PlanPrinter {
    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private PlanPrinter() {
    }

    public static String explain(PlanNode plan) {
        StringBuilder text = new StringBuilder();
        append(plan, 0, text);
        return text.toString();
    }

    /** One expression over {@code inputFields}, as EXPLAIN writes it. */
    public static String expression(Expr expression, List<Field> inputFields) {
        return new ExpressionWriter(inputFields).write(expression);
    }

    private static void append(PlanNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(describe(node)).append('\n');
        for (PlanNode input : node.inputs()) {
            append(input, depth + 1, text);
        }
    }

    private static String describe(PlanNode node) {
        return switch (node) {
            case Scan scan -> {
                ExpressionWriter writer = new ExpressionWriter(scan.fields());
                String text = "Scan " + scan.table() + " " + names(scan.fields());
                yield scan.filters().isEmpty() ? text
                        : text + " filters: " + scan.filters().stream().map(writer::write).collect(Collectors.joining(", "));
            }
            case Filter filter -> "Filter " + new ExpressionWriter(filter.input().fields()).write(filter.condition());
            case Project project -> {
                ExpressionWriter writer = new ExpressionWriter(project.input().fields());
                List<String> items = new ArrayList<>();
                for (int i = 0; i < project.expressions().size(); i++) {
                    String expression = writer.write(project.expressions().get(i));
                    String name = project.names().get(i);
                    items.add(expression.equals(name) ? name : expression + " AS " + name);
                }
                yield "Project [" + String.join(", ", items) + "]";
            }
            case HashJoin join -> {
                ExpressionWriter probe = new ExpressionWriter(join.probe().fields());
                ExpressionWriter build = new ExpressionWriter(join.build().fields());
                List<String> keys = new ArrayList<>();
                for (JoinKey key : join.keys()) {
                    keys.add(probe.column(key.probe()) + (key.nullSafe() ? " IS NOT DISTINCT FROM " : " = ")
                            + build.column(key.build()));
                }
                String text = "HashJoin " + join.kind() + " [" + String.join(", ", keys) + "]";
                yield join.residual() == null ? text
                        : text + " residual: " + new ExpressionWriter(join.residualInputFields()).write(join.residual());
            }
            case HashAggregate aggregate -> {
                ExpressionWriter writer = new ExpressionWriter(aggregate.input().fields());
                List<String> keys = aggregate.groupKeys().stream().map(writer::column).toList();
                List<String> calls = aggregate.aggregates().stream().map(call -> aggregateCall(call, writer)).toList();
                yield "HashAggregate group: [" + String.join(", ", keys) + "] aggregates: [" + String.join(", ", calls)
                        + "]";
            }
            case Sort sort -> "Sort " + sortKeys(sort.keys(), sort.input().fields());
            case TopN topN -> "TopN " + sortKeys(topN.keys(), topN.input().fields()) + offsetAndLimit(topN.offset(),
                    topN.limit());
            case Limit limit -> "Limit" + offsetAndLimit(limit.offset(), limit.limit());
            case UnionAll union -> "UnionAll " + names(union.fields());
            case Values values -> {
                ExpressionWriter writer = new ExpressionWriter(List.of());
                List<String> rows = values.rows().stream()
                        .map(row -> "(" + row.stream().map(writer::write).collect(Collectors.joining(", ")) + ")")
                        .toList();
                yield "Values " + names(values.fields()) + " " + String.join(", ", rows);
            }
        };
    }

    private static String aggregateCall(AggregateCall call, ExpressionWriter writer) {
        String arguments = call.arguments().isEmpty() ? "*"
                : (call.distinct() ? "DISTINCT " : "") + call.arguments().stream().map(writer::column)
                        .collect(Collectors.joining(", "));
        String filter = call.filter() >= 0 ? " FILTER (WHERE " + writer.column(call.filter()) + ")" : "";
        return call.function() + "(" + arguments + ")" + filter + " AS " + call.name();
    }

    private static String sortKeys(List<SortKey> keys, List<Field> inputFields) {
        ExpressionWriter writer = new ExpressionWriter(inputFields);
        return "[" + keys.stream()
                .map(key -> writer.column(key.field()) + (key.descending() ? " DESC" : " ASC")
                        + (key.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", ")) + "]";
    }

    private static String offsetAndLimit(long offset, long limit) {
        return (offset > 0 ? " offset " + offset : "") + (limit != Limit.UNLIMITED ? " limit " + limit : "");
    }

    private static String names(List<Field> fields) {
        return "[" + fields.stream().map(Field::name).collect(Collectors.joining(", ")) + "]";
    }

    /** Writes expressions over one operator's input fields. */
    private static final class ExpressionWriter {
        private final List<Field> fields;
        private final Map<String, Integer> nameCounts = new HashMap<>();

        ExpressionWriter(List<Field> fields) {
            this.fields = fields;
            for (Field field : fields) {
                nameCounts.merge(field.name(), 1, Integer::sum);
            }
        }

        String column(int index) {
            if (index < 0 || index >= fields.size()) {
                return "$" + index + "(out of range)";
            }
            String name = fields.get(index).name();
            return nameCounts.get(name) > 1 ? name + "#" + index : name;
        }

        String write(Expr expression) {
            return switch (expression) {
                case ColumnRef ref -> column(ref.index());
                case Literal literal -> literal(literal);
                case Call call -> call(call);
            };
        }

        private String call(Call call) {
            Operator operator = call.operator();
            List<String> arguments = call.arguments().stream().map(this::write).toList();
            return switch (operator) {
                case AND, OR -> "(" + String.join(" " + operator.symbol() + " ", arguments) + ")";
                case NOT -> "NOT " + arguments.getFirst();
                case NEGATE -> "-" + arguments.getFirst();
                case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE ->
                        "(" + arguments.getFirst() + " " + operator.symbol() + ")";
                case CASE -> {
                    StringBuilder text = new StringBuilder("CASE");
                    for (int i = 0; i + 1 < arguments.size(); i += 2) {
                        text.append(" WHEN ").append(arguments.get(i)).append(" THEN ").append(arguments.get(i + 1));
                    }
                    yield text.append(" ELSE ").append(arguments.getLast()).append(" END").toString();
                }
                case IN -> arguments.getFirst() + " IN (" + String.join(", ", arguments.subList(1, arguments.size()))
                        + ")";
                case LIKE -> arguments.get(0) + " LIKE " + arguments.get(1)
                        + (arguments.size() > 2 ? " ESCAPE " + arguments.get(2) : "");
                case CAST -> "CAST(" + arguments.getFirst() + " AS " + call.type() + ")";
                case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_DAY, EXTRACT_DAY_OF_WEEK,
                     EXTRACT_DAY_OF_YEAR, EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND ->
                        "EXTRACT(" + operator.symbol() + " FROM " + arguments.getFirst() + ")";
                default -> operator.isInfix() && arguments.size() == 2
                        ? "(" + arguments.get(0) + " " + operator.symbol() + " " + arguments.get(1) + ")"
                        : operator.symbol() + "(" + String.join(", ", arguments) + ")";
            };
        }

        private static String literal(Literal literal) {
            Object value = literal.value();
            if (value == null) {
                return "NULL";
            }
            return switch (literal.type()) {
                case DataType.Date _ -> "DATE '" + LocalDate.ofEpochDay((Integer) value) + "'";
                case DataType.Timestamp _ -> "TIMESTAMP '" + TIMESTAMP_TEXT.format(
                        Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS)) + "'";
                case DataType.Varchar _ -> "'" + ((String) value).replace("'", "''") + "'";
                case DataType.Decimal _ -> ((BigDecimal) value).toPlainString();
                case DataType.Float32 _ -> value + "f";
                case DataType.Int64 _ -> value + "L";
                default -> String.valueOf(value);
            };
        }
    }
}
