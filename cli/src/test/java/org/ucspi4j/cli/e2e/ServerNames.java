package org.ucspi4j.cli.e2e;

import static org.ucspi4j.cli.e2e.Tools.openssl;

import java.nio.file.Path;
import java.util.Map;

/**
 * Certificates for SNI tests, made with the real {@code openssl} under the test CA: one per name,
 * subject CN the name itself (so a program's {@code SSL_SERVER_S_DN_CN} says which one served),
 * a P-256 key, the name as the only DNS SAN.
 */
final class ServerNames {
    private ServerNames() {}

    /** {@code name.pem} and {@code name.key} in {@code dir} (a {@code *} in the name becomes {@code _}). */
    static Path issue(Pki pki, Path dir, String name, String serial) {
        return issue(pki, dir, name, fileName(name), serial);
    }

    /** {@code file.pem} and {@code file.key} in {@code dir}, for {@code name}. */
    static Path issue(Pki pki, Path dir, String name, String file, String serial) {
        openssl(pki.dir(), "req", "-config", "openssl.cnf", "-x509", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve(file + ".key").toString(), "-out", dir.resolve(file + ".pem").toString(),
                "-subj", "/CN=" + name, "-days", "30", "-set_serial", serial,
                "-addext", "basicConstraints=critical,CA:FALSE",
                "-addext", "extendedKeyUsage=serverAuth",
                "-addext", "subjectAltName=DNS:" + name);
        return dir.resolve(file + ".pem");
    }

    static String fileName(String name) {
        return name.replace('*', '_');
    }

    /** {@code CERTFILE:NAME} and {@code KEYFILE:NAME} for a certificate from {@link #issue}. */
    static Map<String, String> variables(Path dir, String name) {
        String file = fileName(name);
        return Map.of("CERTFILE:" + name, dir.resolve(file + ".pem").toString(),
                "KEYFILE:" + name, dir.resolve(file + ".key").toString());
    }
}
