package dev.forge.executor.cpu;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.SortKey;
import dev.forge.plan.TopN;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * TPC-H queries written by hand as physical plans (what the SQL front end will produce), with the SQL DuckDB runs
 * for the same answer.
 */
final class TpchPlans {
    private static final DataType MONEY = DataType.decimal(15, 2);

    record Query(String name, PlanNode plan, String sql) {
    }

    private final Function<String, Schema> schemas;

    TpchPlans(Function<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /** A scan of the named columns of a table, with filters written over those columns. */
    private Scan scan(String table, List<String> names, Function<List<Field>, List<Expr>> filters) {
        Schema schema = schemas.apply(table);
        List<Integer> positions = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            int position = schema.indexOf(name);
            positions.add(position);
            fields.add(schema.field(position));
        }
        return new Scan(table, positions, fields, filters.apply(fields));
    }

    private static ColumnRef ref(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return new ColumnRef(i, fields.get(i).type(), fields.get(i).nullable());
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + fields);
    }

    private static Call call(Operator operator, DataType type, Expr... arguments) {
        return Call.of(operator, type, false, arguments);
    }

    private static Literal date(String text) {
        return Literal.of(LocalDate.parse(text));
    }

    private static Literal decimal(String text) {
        return Literal.of(new BigDecimal(text));
    }

    Query q1() {
        Scan lineitem = scan("lineitem", List.of("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice",
                "l_discount", "l_tax", "l_shipdate"), fields -> List.of(call(Operator.LESS_THAN_OR_EQUAL,
                DataType.BOOLEAN, ref(fields, "l_shipdate"), date("1998-09-02"))));
        List<Field> in = lineitem.fields();
        Expr discounted = call(Operator.MULTIPLY, DataType.decimal(31, 4), ref(in, "l_extendedprice"),
                call(Operator.SUBTRACT, DataType.decimal(16, 2), decimal("1"), ref(in, "l_discount")));
        Expr charged = call(Operator.MULTIPLY, DataType.decimal(38, 6), discounted,
                call(Operator.ADD, DataType.decimal(16, 2), decimal("1"), ref(in, "l_tax")));
        Project project = new Project(lineitem, List.of(ref(in, "l_returnflag"), ref(in, "l_linestatus"),
                ref(in, "l_quantity"), ref(in, "l_extendedprice"), discounted, charged, ref(in, "l_discount")),
                List.of("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice", "disc_price", "charge",
                        "l_discount"));
        HashAggregate aggregate = new HashAggregate(project, List.of(0, 1), List.of(
                AggregateCall.of(AggregateFunction.SUM, 2, "sum_qty", DataType.decimal(38, 2), false),
                AggregateCall.of(AggregateFunction.SUM, 3, "sum_base_price", DataType.decimal(38, 2), false),
                AggregateCall.of(AggregateFunction.SUM, 4, "sum_disc_price", DataType.decimal(38, 4), false),
                AggregateCall.of(AggregateFunction.SUM, 5, "sum_charge", DataType.decimal(38, 6), false),
                AggregateCall.of(AggregateFunction.AVG, 2, "avg_qty", DataType.FLOAT64, false),
                AggregateCall.of(AggregateFunction.AVG, 3, "avg_price", DataType.FLOAT64, false),
                AggregateCall.of(AggregateFunction.AVG, 6, "avg_disc", DataType.FLOAT64, false),
                AggregateCall.countStar("count_order")));
        PlanNode plan = new Sort(aggregate, List.of(SortKey.ascending(0), SortKey.ascending(1)));
        return new Query("Q1", PlanValidator.validate(plan), """
                select l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice),
                  sum(l_extendedprice * (1 - l_discount)), sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)),
                  avg(l_quantity)::double, avg(l_extendedprice)::double, avg(l_discount)::double, count(*)
                from lineitem where l_shipdate <= date '1998-09-02'
                group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus""");
    }

    Query q6() {
        Scan lineitem = scan("lineitem", List.of("l_extendedprice", "l_discount", "l_quantity", "l_shipdate"),
                fields -> List.of(
                        call(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, ref(fields, "l_shipdate"),
                                date("1994-01-01")),
                        call(Operator.LESS_THAN, DataType.BOOLEAN, ref(fields, "l_shipdate"), date("1995-01-01")),
                        call(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, ref(fields, "l_discount"),
                                decimal("0.05")),
                        call(Operator.LESS_THAN_OR_EQUAL, DataType.BOOLEAN, ref(fields, "l_discount"),
                                decimal("0.07")),
                        call(Operator.LESS_THAN, DataType.BOOLEAN, ref(fields, "l_quantity"), decimal("24"))));
        List<Field> in = lineitem.fields();
        Project project = new Project(lineitem, List.of(call(Operator.MULTIPLY, DataType.decimal(31, 4),
                ref(in, "l_extendedprice"), ref(in, "l_discount"))), List.of("revenue"));
        PlanNode plan = new HashAggregate(project, List.of(), List.of(
                AggregateCall.of(AggregateFunction.SUM, 0, "revenue", DataType.decimal(38, 4), true)));
        return new Query("Q6", PlanValidator.validate(plan), """
                select sum(l_extendedprice * l_discount) from lineitem
                where l_shipdate >= date '1994-01-01' and l_shipdate < date '1995-01-01'
                  and l_discount between 0.05 and 0.07 and l_quantity < 24""");
    }

    Query q3() {
        Scan customer = scan("customer", List.of("c_custkey", "c_mktsegment"), fields -> List.of(
                call(Operator.EQUALS, DataType.BOOLEAN, ref(fields, "c_mktsegment"), Literal.of("BUILDING"))));
        Scan orders = scan("orders", List.of("o_orderkey", "o_custkey", "o_orderdate", "o_shippriority"),
                fields -> List.of(call(Operator.LESS_THAN, DataType.BOOLEAN, ref(fields, "o_orderdate"),
                        date("1995-03-15"))));
        Scan lineitem = scan("lineitem", List.of("l_orderkey", "l_extendedprice", "l_discount", "l_shipdate"),
                fields -> List.of(call(Operator.GREATER_THAN, DataType.BOOLEAN, ref(fields, "l_shipdate"),
                        date("1995-03-15"))));
        // orders (probe) x customer (build): o_orderkey, o_custkey, o_orderdate, o_shippriority, c_custkey, c_mkt
        HashJoin ordersOfSegment = new HashJoin(orders, customer, JoinKind.SEMI, List.of(JoinKey.equal(1, 0)), null);
        // lineitem (probe) x those orders (build)
        HashJoin lines = new HashJoin(lineitem, ordersOfSegment, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        List<Field> in = lines.fields();
        Project project = new Project(lines, List.of(ref(in, "l_orderkey"), ref(in, "o_orderdate"),
                ref(in, "o_shippriority"), call(Operator.MULTIPLY, DataType.decimal(31, 4), ref(in, "l_extendedprice"),
                        call(Operator.SUBTRACT, DataType.decimal(16, 2), decimal("1"), ref(in, "l_discount")))),
                List.of("l_orderkey", "o_orderdate", "o_shippriority", "volume"));
        HashAggregate aggregate = new HashAggregate(project, List.of(0, 1, 2), List.of(
                AggregateCall.of(AggregateFunction.SUM, 3, "revenue", DataType.decimal(38, 4), false)));
        PlanNode plan = new TopN(new Project(aggregate, List.of(new ColumnRef(0, DataType.INT64, false),
                new ColumnRef(3, DataType.decimal(38, 4), false), new ColumnRef(1, DataType.DATE, false),
                new ColumnRef(2, DataType.INT32, false)), List.of("l_orderkey", "revenue", "o_orderdate",
                "o_shippriority")), List.of(SortKey.descending(1), SortKey.ascending(2)), 0, 10);
        return new Query("Q3", PlanValidator.validate(plan), """
                select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
                from customer, orders, lineitem
                where c_mktsegment = 'BUILDING' and c_custkey = o_custkey and l_orderkey = o_orderkey
                  and o_orderdate < date '1995-03-15' and l_shipdate > date '1995-03-15'
                group by l_orderkey, o_orderdate, o_shippriority
                order by revenue desc, o_orderdate, l_orderkey limit 10""");
    }

    Query q13() {
        Scan customer = scan("customer", List.of("c_custkey"), fields -> List.of());
        Scan orders = scan("orders", List.of("o_orderkey", "o_custkey", "o_comment"), fields -> List.of(
                call(Operator.NOT, DataType.BOOLEAN, call(Operator.LIKE, DataType.BOOLEAN, ref(fields, "o_comment"),
                        Literal.of("%special%requests%")))));
        // The planner trims o_comment once the filter has used it.
        Project ordersKeys = new Project(orders, List.of(ref(orders.fields(), "o_orderkey"),
                ref(orders.fields(), "o_custkey")), List.of("o_orderkey", "o_custkey"));
        HashJoin join = new HashJoin(customer, ordersKeys, JoinKind.LEFT, List.of(JoinKey.equal(0, 1)), null);
        HashAggregate perCustomer = new HashAggregate(join, List.of(0), List.of(
                AggregateCall.of(AggregateFunction.COUNT, 1, "c_count", DataType.INT64, false)));
        HashAggregate distribution = new HashAggregate(perCustomer, List.of(1), List.of(
                AggregateCall.countStar("custdist")));
        PlanNode plan = new Sort(distribution, List.of(SortKey.descending(1), SortKey.descending(0)));
        return new Query("Q13", PlanValidator.validate(plan), """
                select c_count, count(*) as custdist from (
                  select c_custkey, count(o_orderkey) as c_count
                  from customer left outer join orders
                    on c_custkey = o_custkey and o_comment not like '%special%requests%'
                  group by c_custkey) as c_orders
                group by c_count order by custdist desc, c_count desc""");
    }

    List<Query> all() {
        return List.of(q1(), q3(), q6(), q13());
    }
}
