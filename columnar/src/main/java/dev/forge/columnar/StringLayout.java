package dev.forge.columnar;

/** How a VARCHAR column holds its strings. */
public enum StringLayout {
    /**
     * {@code int32} codes into a sorted dictionary of distinct strings: codes compare like the strings (by UTF-8
     * bytes, which is code point order), so filters and sorts can run on the codes.
     */
    DICTIONARY,
    /** {@code int64} offsets ({@code length + 1} of them) into UTF-8 bytes: string {@code i} is {@code [o[i], o[i+1])}. */
    PLAIN
}
