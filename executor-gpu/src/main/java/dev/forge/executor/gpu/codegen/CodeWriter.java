package dev.forge.executor.gpu.codegen;

/** Lines of generated CUDA with indentation, and fresh names for the temporaries of one kernel. */
public final class CodeWriter {
    private final StringBuilder text = new StringBuilder();
    private int indent;
    private int temporaries;

    public CodeWriter line(String line) {
        text.append("    ".repeat(indent)).append(line).append('\n');
        return this;
    }

    public CodeWriter open(String line) {
        line(line + " {");
        indent++;
        return this;
    }

    public CodeWriter close() {
        indent--;
        return line("}");
    }

    public CodeWriter indent(int levels) {
        indent += levels;
        return this;
    }

    /** A new variable name, unique in this kernel. */
    public String fresh(String prefix) {
        return prefix + temporaries++;
    }

    /** Declares {@code type name = expression;} and returns the name. */
    public String declare(String type, String prefix, String expression) {
        String name = fresh(prefix);
        line("const " + type + " " + name + " = " + expression + ";");
        return name;
    }

    /** A boolean that is {@code a || b}, simplified where either is a constant. */
    public static String or(String a, String b) {
        if (a.equals(GeneratedValue.TRUE) || b.equals(GeneratedValue.TRUE)) {
            return GeneratedValue.TRUE;
        }
        if (a.equals(GeneratedValue.FALSE)) {
            return b;
        }
        if (b.equals(GeneratedValue.FALSE)) {
            return a;
        }
        return "(" + a + " || " + b + ")";
    }

    /** A boolean that is {@code a && b}, simplified where either is a constant. */
    public static String and(String a, String b) {
        if (a.equals(GeneratedValue.FALSE) || b.equals(GeneratedValue.FALSE)) {
            return GeneratedValue.FALSE;
        }
        if (a.equals(GeneratedValue.TRUE)) {
            return b;
        }
        if (b.equals(GeneratedValue.TRUE)) {
            return a;
        }
        return "(" + a + " && " + b + ")";
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
