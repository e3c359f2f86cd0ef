package org.ucspi4j.rules.lint;

import java.util.Locale;

/** How bad a diagnostic is. Errors: the dialect's tcprules rejects the file. Warnings: it compiles but does not do what it says. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("note");

    private final String id = name().toLowerCase(Locale.ROOT);
    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** {@code error}, {@code warning}, {@code info}. */
    public String id() {
        return id;
    }

    /** The SARIF 2.1.0 {@code level}: error, warning, note. */
    public String sarifLevel() {
        return sarifLevel;
    }
}
