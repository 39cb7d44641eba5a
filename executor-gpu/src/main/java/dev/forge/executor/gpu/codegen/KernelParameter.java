package dev.forge.executor.gpu.codegen;

import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;

/**
 * One parameter of a generated kernel, in signature order. Literals are parameters, never text in the source, so a
 * query with other constants reuses the compiled kernel; the runner binds each parameter from its kind.
 */
public sealed interface KernelParameter {

    /** The C++ declaration in the kernel's signature. */
    String declaration();

    /** The number of rows of the scan. */
    record RowCount() implements KernelParameter {
        public String declaration() {
            return "const i64 row_count";
        }
    }

    /** One int the kernel sets to an error code (0: none). */
    record Status() implements KernelParameter {
        public String declaration() {
            return "int* __restrict__ status";
        }
    }

    /** The values of scan field {@code field} (see {@link CudaTypes#column}). */
    record ColumnValues(int field, String elementType) implements KernelParameter {
        public String declaration() {
            return "const " + elementType + "* __restrict__ col" + field;
        }
    }

    /** The validity bitmap of scan field {@code field}, or a null pointer when the column has no NULLs. */
    record ColumnValidity(int field) implements KernelParameter {
        public String declaration() {
            return "const unsigned int* __restrict__ col" + field + "_valid";
        }
    }

    /**
     * A literal's value: {@code part} 0 is the value itself (or a decimal's low 64 bits), 1 a decimal's high 64 bits.
     */
    record LiteralValue(String name, String cType, Literal literal, int part) implements KernelParameter {
        public String declaration() {
            return "const " + cType + " " + name;
        }
    }

    /**
     * Where {@code text} falls in the sorted dictionary of the VARCHAR expression {@code strings} (a column, or a string
     * function of one; see {@code StringDictionaries}): the first code whose string is >= text ({@code upper} false)
     * or > text ({@code upper} true). Codes in [lower, upper) equal the text.
     */
    record DictionaryBound(String name, Expr strings, String text, boolean upper) implements KernelParameter {
        public String declaration() {
            return "const int " + name;
        }
    }

    /**
     * Which entries of the sorted dictionary of the VARCHAR expression {@code strings} match LIKE {@code pattern} (with
     * {@code escape}, or none when {@code null}): one bit per dictionary code, matched on the host once per entry.
     */
    record DictionaryMatches(String name, Expr strings, String pattern, String escape) implements KernelParameter {
        public String declaration() {
            return "const unsigned int* __restrict__ " + name;
        }
    }

    /**
     * For a string function of a VARCHAR column ({@code function}, literals aside), per code of the column's
     * dictionary the code of the function's value in the dictionary of its values (-1 for NULL), computed on the host
     * once per dictionary entry.
     */
    record DictionaryMapping(String name, Expr function) implements KernelParameter {
        public String declaration() {
            return "const int* __restrict__ " + name;
        }
    }

    /** The materialised row counter (one unsigned 64-bit word). */
    record OutputCount() implements KernelParameter {
        public String declaration() {
            return "u64* __restrict__ output_count";
        }
    }

    /** Output column {@code column}'s values, of {@code elementType}. */
    record OutputValues(int column, String elementType) implements KernelParameter {
        public String declaration() {
            return elementType + "* __restrict__ o" + column;
        }
    }

    /** Output column {@code column}'s validity, one byte per row. */
    record OutputValidity(int column) implements KernelParameter {
        public String declaration() {
            return "unsigned char* __restrict__ o" + column + "_valid";
        }
    }

    /** Per-block partial aggregates: {@code words} 64-bit words per block. */
    record Partials() implements KernelParameter {
        public String declaration() {
            return "u64* __restrict__ partials";
        }
    }

    /** The group table (see forge_pipeline.cuh) and its capacity in slots, a power of two. */
    record GroupTable() implements KernelParameter {
        public String declaration() {
            return "u64* group_table"; // read through volatile pointers too: no __restrict__
        }
    }

    record GroupCapacity() implements KernelParameter {
        public String declaration() {
            return "const i64 group_capacity";
        }
    }
    /** How many rows the materialised outputs hold room for; rows past it are counted, not written (the host retries). */
    record OutputCapacity() implements KernelParameter {
        public String declaration() {
            return "const i64 output_capacity";
        }
    }

    /** The build row in each slot of join {@code join}'s hash table (see forge_pipeline.cuh). */
    record JoinRows(int join) implements KernelParameter {
        public String declaration() {
            return "const u64* __restrict__ join" + join + "_rows";
        }
    }

    /** The key words of each slot of join {@code join}'s hash table. */
    record JoinKeys(int join) implements KernelParameter {
        public String declaration() {
            return "const u64* __restrict__ join" + join + "_keys";
        }
    }

    /** Per build row of join {@code join}, the link to the next row of its key (see forge_pipeline.cuh). */
    record JoinLinks(int join) implements KernelParameter {
        public String declaration() {
            return "const u64* __restrict__ join" + join + "_links";
        }
    }

    /** The slots of join {@code join}'s hash table, a power of two. */
    record JoinCapacity(int join) implements KernelParameter {
        public String declaration() {
            return "const i64 join" + join + "_capacity";
        }
    }

    /** Column {@code column} of join {@code join}'s materialised build rows (see {@link CudaTypes#materialized}). */
    record BuildValues(int join, int column, String elementType) implements KernelParameter {
        public String declaration() {
            return "const " + elementType + "* __restrict__ join" + join + "_c" + column;
        }
    }

    /** The validity (one byte per row) of column {@code column} of join {@code join}'s materialised build rows. */
    record BuildValidity(int join, int column) implements KernelParameter {
        public String declaration() {
            return "const unsigned char* __restrict__ join" + join + "_c" + column + "_valid";
        }
    }

    /**
     * Column {@code column} of the pipeline's scalar row {@code scalar} (see {@code ScalarInput}): {@code part} 0 is the
     * value (a decimal's low 64 bits), 1 a decimal's high 64 bits. Bound from the earlier stage's row like a literal.
     */
    record ScalarValue(int scalar, int column, String cType, int part) implements KernelParameter {
        public String declaration() {
            return "const " + cType + " " + name(scalar, column) + (part == 0 ? "" : "_high");
        }

        public static String name(int scalar, int column) {
            return "s" + scalar + "_c" + column;
        }
    }

    /** Whether column {@code column} of scalar row {@code scalar} is non-NULL (1) or NULL (0). */
    record ScalarValidity(int scalar, int column) implements KernelParameter {
        public String declaration() {
            return "const int " + ScalarValue.name(scalar, column) + "_valid";
        }
    }
}
