package org.ucspi4j.runtime.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.tls.KeyMaterial;
import org.ucspi4j.runtime.tls.ServedCertificate;
import org.ucspi4j.runtime.tls.ServerNames;
import org.ucspi4j.runtime.tls.TlsSetupException;

/**
 * Where one served certificate comes from: CERTCHAINFILE or CERTFILE and KEYFILE for the default,
 * {@code CERTCHAINFILE:NAME}, {@code CERTFILE:NAME} and {@code KEYFILE:NAME} for server name NAME
 * (s6-networking's convention). A chain file wins over a certificate file; without a key file the
 * key is in the certificate (or chain) file.
 *
 * @param name the server name, empty for the default
 * @param certificate the certificate (leaf first) or chain file
 * @param chainFile whether {@code certificate} came from CERTCHAINFILE (its failures say so, as in C)
 * @param key the key file
 */
record CertificateFiles(String name, Path certificate, boolean chainFile, Path key) {
    static final String CERTFILE = "CERTFILE";
    static final String CERTCHAINFILE = "CERTCHAINFILE";
    static final String KEYFILE = "KEYFILE";

    /** The chain and key, read now and checked to belong together. */
    ServedCertificate load(byte[] passphrase) throws TlsSetupException {
        KeyMaterial keys = chainFile ? KeyMaterial.loadChain(certificate, key, passphrase)
                : KeyMaterial.load(certificate, key, passphrase);
        return new ServedCertificate(name, keys);
    }

    /** The files the certificate is read from. */
    List<Path> files() {
        return certificate.equals(key) ? List.of(certificate) : List.of(certificate, key);
    }

    /** A setting that names certificate files but cannot make one: the message after {@code fatal: }. */
    static final class Incomplete extends Exception {
        Incomplete(String message) {
            super(message);
        }
    }

    /**
     * Every certificate the environment configures, the default first (absent when CERTFILE,
     * CERTCHAINFILE and KEYFILE are all unset or empty), then the named ones in name order.
     */
    static List<CertificateFiles> fromEnvironment(Map<String, String> env) throws Incomplete {
        List<CertificateFiles> all = new ArrayList<>();
        Optional<CertificateFiles> fallback = of("", env, "");
        fallback.ifPresent(all::add);
        TreeSet<String> names = new TreeSet<>();
        for (String variable : env.keySet()) {
            int colon = variable.indexOf(':');
            if (colon > 0 && List.of(CERTFILE, CERTCHAINFILE, KEYFILE).contains(variable.substring(0, colon))) {
                String name = variable.substring(colon + 1);
                try {
                    ServerNames.normalize(name);
                } catch (IllegalArgumentException e) {
                    throw new Incomplete("unable to load certificate: " + variable + ": " + e.getMessage());
                }
                names.add(name);
            }
        }
        TreeSet<String> seen = new TreeSet<>();
        for (String name : names) {
            String normalized = ServerNames.normalize(name);
            if (!seen.add(normalized)) {
                throw new Incomplete("unable to load certificate: " + name + " is configured twice");
            }
            of(name, env, ":" + name).ifPresent(all::add);
        }
        return all;
    }

    private static Optional<CertificateFiles> of(String name, Map<String, String> env, String suffix) throws Incomplete {
        String chain = setting(env, CERTCHAINFILE + suffix);
        String cert = setting(env, CERTFILE + suffix);
        String key = setting(env, KEYFILE + suffix);
        if (chain == null && cert == null && key == null) {
            return Optional.empty();
        }
        if (chain != null) {
            return Optional.of(new CertificateFiles(name, path(chain), true, path(key != null ? key : chain)));
        }
        if (cert == null) {
            // KEYFILE alone: the C server's words (for a name, which one)
            throw new Incomplete("unable to load certificate" + (name.isEmpty() ? "" : " for " + name + ": "
                    + KEYFILE + suffix + " is set, " + CERTFILE + suffix + " is not"));
        }
        return Optional.of(new CertificateFiles(name, path(cert), false, path(key != null ? key : cert)));
    }

    /** An environment setting; empty means unset, as in the C tools. */
    private static String setting(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Path path(String byteString) {
        return ArgumentBytes.path(byteString);
    }
}
