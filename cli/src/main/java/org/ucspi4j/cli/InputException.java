package org.ucspi4j.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A read error on the input, kept apart from write errors: the C tools word them differently. */
final class InputException extends IOException {
    InputException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** {@code in}, with its read errors raised as InputException. */
    static InputStream marking(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new InputException(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new InputException(e);
                }
            }
        };
    }
}
