package org.ucspi4j.runtime.tls;

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

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
