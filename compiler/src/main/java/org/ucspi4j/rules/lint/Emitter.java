package org.ucspi4j.rules.lint;

/** Where a check reports what it found: a list of the batch, of the whole file, or a test's. */
interface Emitter {
    void emit(long line, int column, LintCode code, String message, String hint);
}
