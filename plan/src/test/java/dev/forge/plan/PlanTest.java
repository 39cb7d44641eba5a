package dev.forge.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final DataType MONEY = DataType.decimal(15, 2);

    private static Scan lineitem() {
        List<Field> fields = List.of(Field.required("l_orderkey", DataType.INT64),
                Field.required("l_extendedprice", MONEY), Field.required("l_discount", MONEY),
                Field.required("l_shipdate", DataType.DATE));
        Expr shipdate = new ColumnRef(3, DataType.DATE, false);
        Expr recent = Call.of(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, false, shipdate,
                Literal.of(LocalDate.of(1994, 1, 1)));
        return new Scan("lineitem", List.of(0, 5, 6, 10), fields, List.of(recent));
    }

    private static Scan orders() {
        return new Scan("orders", List.of(0, 4), List.of(Field.required("o_orderkey", DataType.INT64),
                Field.required("o_orderdate", DataType.DATE)), List.of());
    }

    @Test
    void explainNamesColumnsAndNestsInputs() {
        Scan lineitem = lineitem();
        Expr revenue = Call.of(Operator.MULTIPLY, DataType.decimal(31, 4), false,
                new ColumnRef(1, MONEY, false), new ColumnRef(2, MONEY, false));
        Project project = new Project(lineitem, List.of(new ColumnRef(0, DataType.INT64, false), revenue),
                List.of("l_orderkey", "revenue"));
        HashJoin join = new HashJoin(project, orders(), JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        HashAggregate aggregate = new HashAggregate(join, List.of(3),
                List.of(new AggregateCall(AggregateFunction.SUM, List.of(1), false, -1, "total",
                        DataType.decimal(38, 4), false), AggregateCall.countStar("n")));
        TopN top = new TopN(aggregate, List.of(SortKey.descending(1)), 0, 10);

        assertThat(PlanValidator.validate(top)).isSameAs(top);
        assertThat(PlanPrinter.explain(top)).isEqualTo("""
                TopN [total DESC NULLS LAST] limit 10
                  HashAggregate group: [o_orderdate] aggregates: [SUM(revenue) AS total, COUNT(*) AS n]
                    HashJoin INNER [l_orderkey = o_orderkey]
                      Project [l_orderkey, (l_extendedprice * l_discount) AS revenue]
                        Scan lineitem [l_orderkey, l_extendedprice, l_discount, l_shipdate] filters: (l_shipdate >= DATE '1994-01-01')
                      Scan orders [o_orderkey, o_orderdate]
                """);
        assertThat(top.fields()).extracting(Field::name).containsExactly("o_orderdate", "total", "n");
    }

    @Test
    void joinOutputsFollowTheKind() {
        Scan lineitem = lineitem();
        Scan orders = orders();
        assertThat(new HashJoin(lineitem, orders, JoinKind.LEFT, List.of(JoinKey.equal(0, 0)), null).fields())
                .hasSize(6).last().extracting(Field::nullable).isEqualTo(true);
        assertThat(new HashJoin(lineitem, orders, JoinKind.SEMI, List.of(JoinKey.equal(0, 0)), null).fields())
                .hasSize(4);
        assertThat(new HashJoin(lineitem, orders, JoinKind.MARK, List.of(JoinKey.equal(0, 0)), null).fields())
                .hasSize(5).last().extracting(Field::type).isEqualTo(DataType.BOOLEAN);
    }

    @Test
    void validatorRejectsAMistypedColumnReference() {
        Filter filter = new Filter(lineitem(), Call.of(Operator.EQUALS, DataType.BOOLEAN, false,
                new ColumnRef(0, DataType.INT32, false), Literal.of(5)));
        assertThatThrownBy(() -> PlanValidator.validate(filter)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("l_orderkey is INT64 but referenced as INT32");
    }

    @Test
    void validatorRejectsKeysOfDifferentTypesAndNonBooleanFilters() {
        HashJoin join = new HashJoin(lineitem(), orders(), JoinKind.INNER, List.of(JoinKey.equal(3, 0)), null);
        assertThatThrownBy(() -> PlanValidator.validate(join)).hasMessageContaining("compares DATE with INT64");
        Filter filter = new Filter(orders(), new ColumnRef(0, DataType.INT64, false));
        assertThatThrownBy(() -> PlanValidator.validate(filter)).hasMessageContaining("not BOOLEAN");
    }

    @Test
    void literalsHoldTheirTypesRepresentation() {
        assertThat(Literal.of(new BigDecimal("-12.50")).type()).isEqualTo(DataType.decimal(4, 2));
        assertThatThrownBy(() -> new Literal(5L, DataType.INT32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal(new BigDecimal("1.5"), MONEY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
