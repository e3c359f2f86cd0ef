package org.ucspi4j.runtime.ucspi;

/** What the servers' and clients' log lines have in common. */
public final class LogText {
    private LogText() {}

    /**
     * {@code text} as one line: control characters (CR, LF, NUL, ...) in messages that quote what a
     * peer sent (a host name, a TLS alert's text) become '?', so that nobody can add a log line.
     */
    public static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 || c == 127) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? text : out.toString();
    }
}
