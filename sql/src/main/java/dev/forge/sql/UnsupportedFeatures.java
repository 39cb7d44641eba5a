package dev.forge.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses, before validation and with the position of the construct, SQL that Forge's plan cannot express: window
 * functions, grouping sets, recursive WITH, UNNEST and friends, and statements that are not queries.
 */
final class UnsupportedFeatures {
    /** EXPLAIN as the first word, after any comments. */
    private static final Pattern EXPLAIN = Pattern.compile("\\A(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(explain)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private UnsupportedFeatures() {
    }

    static void checkText(String sql) {
        Matcher explain = EXPLAIN.matcher(sql);
        if (explain.find()) {
            int start = explain.start(1);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < start; i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = start - lineStart + 1;
            throw new SqlException(SqlException.Kind.UNSUPPORTED, "EXPLAIN is not a query: plan the query itself and "
                    + "ask the plan for its EXPLAIN text", line, column, line, column + "explain".length() - 1, null,
                    null);
        }
    }

    static void check(SqlNode query) {
        if (!query.isA(SqlKind.QUERY)) {
            throw at(query.getParserPosition(), "statements other than queries ("
                    + query.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                String feature = feature(call);
                if (feature != null) {
                    throw at(call.getParserPosition(), feature);
                }
                return super.visit(call);
            }
        });
    }

    private static String feature(SqlCall call) {
        return switch (call.getKind()) {
            case OVER, WINDOW -> "window functions (OVER)";
            case ROLLUP, CUBE, GROUPING_SETS -> "GROUPING SETS, ROLLUP and CUBE";
            case GROUPING, GROUPING_ID, GROUP_ID -> "GROUPING() and GROUP_ID()";
            case UNNEST -> "UNNEST";
            case LATERAL -> "LATERAL";
            case TABLESAMPLE -> "TABLESAMPLE";
            case MATCH_RECOGNIZE -> "MATCH_RECOGNIZE";
            case PIVOT, UNPIVOT -> "PIVOT and UNPIVOT";
            case COLLECTION_TABLE -> "table functions";
            case MULTISET_QUERY_CONSTRUCTOR, MULTISET_VALUE_CONSTRUCTOR, ARRAY_QUERY_CONSTRUCTOR,
                 ARRAY_VALUE_CONSTRUCTOR, MAP_QUERY_CONSTRUCTOR, MAP_VALUE_CONSTRUCTOR -> "arrays, maps and multisets";
            case WITH_ITEM -> ((SqlWithItem) call).recursive instanceof SqlLiteral recursive
                    && recursive.booleanValue() ? "recursive WITH" : null;
            default -> null;
        };
    }

    private static SqlException at(SqlParserPos position, String feature) {
        return SqlErrors.positioned(SqlException.Kind.UNSUPPORTED, "Forge does not support " + feature, position,
                null, null);
    }
}
