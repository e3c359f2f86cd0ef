package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ucspi4j.runtime.posix.ErrorText;

/**
 * Trust anchors and client-CA lists read from the files OpenSSL-based servers are configured with.
 * Everything is read when the context is made (before privileges are dropped), not looked up on
 * demand the way OpenSSL treats a hashed CADIR.
 */
final class TrustMaterial {
    private TrustMaterial() {}

    /** OpenSSL's hashed-directory names ({@code c_rehash}): eight hex digits, a dot, a number. */
    private static final Pattern HASHED_NAME = Pattern.compile("[0-9a-fA-F]{8}\\.[0-9]+");

    /**
     * The certificates of CAFILE and CADIR, without duplicates. CAFILE must hold at least one
     * certificate. In CADIR every regular file with a hashed name or ending in {@code .pem},
     * {@code .crt} or {@code .cer} is read, and files that hold no PEM certificate are passed over,
     * since such directories usually hold other things too.
     */
    static List<X509Certificate> anchors(Optional<Path> caFile, Optional<Path> caDir) throws TlsSetupException.CaList {
        Map<String, X509Certificate> out = new LinkedHashMap<>();
        if (caFile.isPresent()) {
            List<X509Certificate> certs;
            try {
                certs = read(caFile.get());
            } catch (IOException | GeneralSecurityException e) {
                throw new TlsSetupException.CaList(caFile.get() + ": " + ErrorText.of(e), e);
            }
            if (certs.isEmpty()) {
                throw new TlsSetupException.CaList(caFile.get() + ": no certificate in the file", null);
            }
            certs.forEach(c -> out.putIfAbsent(key(c), c));
        }
        if (caDir.isPresent()) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(caDir.get())) {
                List<Path> files = new ArrayList<>();
                dir.forEach(files::add);
                files.sort(null);
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    boolean candidate = HASHED_NAME.matcher(name).matches()
                            || name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
                    if (!candidate || !Files.isRegularFile(file)) {
                        continue;
                    }
                    try {
                        read(file).forEach(c -> out.putIfAbsent(key(c), c));
                    } catch (IOException | GeneralSecurityException e) {
                        // Not a PEM certificate file (a CRL, a key, DER); OpenSSL would not use it either.
                    }
                }
            } catch (IOException e) {
                throw new TlsSetupException.CaList(caDir.get() + ": " + ErrorText.of(e), e);
            }
        }
        return List.copyOf(out.values());
    }

    /** CCAFILE: the certificates whose subject names go into the CertificateRequest. */
    static List<X509Certificate> clientCas(Path ccaFile) throws TlsSetupException.ClientCaList {
        try {
            List<X509Certificate> certs = read(ccaFile);
            if (certs.isEmpty()) {
                throw new TlsSetupException.ClientCaList(ccaFile + ": no certificate in the file", null);
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException.ClientCaList(ccaFile + ": " + ErrorText.of(e), e);
        }
    }

    /**
     * The JDK's default trust store: {@code javax.net.ssl.trustStore} if set, else
     * {@code lib/security/jssecacerts} or {@code cacerts} of the running JDK.
     */
    static KeyStore jdkDefault() throws TlsSetupException.CaList {
        String configured = System.getProperty("javax.net.ssl.trustStore");
        Path home = Path.of(System.getProperty("java.home"), "lib", "security");
        Path file = configured != null && !configured.isEmpty() ? Path.of(configured)
                : Files.exists(home.resolve("jssecacerts")) ? home.resolve("jssecacerts") : home.resolve("cacerts");
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        try (InputStream in = Files.newInputStream(file)) {
            String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException.CaList(file + ": " + ErrorText.of(e), e);
        }
    }

    private static List<X509Certificate> read(Path file) throws IOException, GeneralSecurityException {
        return PemReader.certificates(PemReader.blocks(Files.readAllBytes(file)));
    }

    private static String key(X509Certificate certificate) {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
