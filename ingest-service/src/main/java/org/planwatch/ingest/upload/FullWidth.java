package org.planwatch.ingest.upload;

/** Chinese input methods often type full-width digits and punctuation (１３７６，Ｑ１); planwatch reads them as ASCII. */
final class FullWidth {

    private FullWidth() {
    }

    /** Maps U+FF01–U+FF5E to ASCII and the ideographic space to a space; other characters are kept. */
    static String toHalfWidth(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char mapped = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (mapped != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? text : out.toString();
    }
}
