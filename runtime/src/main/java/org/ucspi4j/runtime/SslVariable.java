package org.ucspi4j.runtime;

/**
 * One mod_ssl-style environment variable for the program, e.g. {@code SSL_PROTOCOL=TLSv1.3}. Values
 * are text; an environment writer encodes them as UTF-8, which gives the certificate's own bytes for
 * UTF8String and ASCII values.
 */
public record SslVariable(String name, String value) {
    public SslVariable {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(value, "value");
    }

    /**
     * The value as the environment holds it: its UTF-8 bytes, one char per byte (ucspi4j keeps
     * environments as byte strings), so a UTF8String subject reaches the program as the C server
     * gives it.
     */
    public String byteString() {
        return new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
