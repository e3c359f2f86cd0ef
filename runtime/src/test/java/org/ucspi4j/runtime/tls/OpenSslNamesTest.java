package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IANA to OpenSSL cipher-suite table, checked against {@code openssl ciphers} and both JSSE providers. */
class OpenSslNamesTest {
    @TempDir
    Path dir;

    record OpensslSuite(String iana, String openssl, String protocol, int algBits) {}

    /** Every suite this OpenSSL implements, with its names and key size, from {@code openssl ciphers -V -stdname}. */
    Map<String, OpensslSuite> opensslSuites() {
        String out = Tools.openssl(dir, "ciphers", "-V", "-stdname", "-ciphersuites",
                "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
                        + "TLS_AES_128_CCM_8_SHA256",
                "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
        Map<String, OpensslSuite> suites = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*0x\\S+ - (\\S+)\\s+- (\\S+)\\s+(\\S+).*Enc=\\S*?\\((\\d+)\\)").matcher(out);
        while (m.find()) {
            suites.put(m.group(1), new OpensslSuite(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4))));
        }
        Matcher none = Pattern.compile("(?m)^\\s*0x\\S+ - (\\S+)\\s+- (\\S+)\\s+(\\S+).*Enc=None").matcher(out);
        while (none.find()) {
            suites.put(none.group(1), new OpensslSuite(none.group(1), none.group(2), none.group(3), 0));
        }
        assertThat(suites).hasSizeGreaterThan(100);
        return suites;
    }

    @Test
    void agreesWithOpensslOnEverySuiteOpensslKnows() {
        Map<String, OpensslSuite> openssl = opensslSuites();
        List<String> wrong = new ArrayList<>();
        for (OpensslSuite s : openssl.values()) {
            var ours = OpenSslNames.byIana(s.iana());
            if (ours.isEmpty()) {
                wrong.add("missing " + s);
            } else if (!ours.get().openssl().equals(s.openssl()) || ours.get().algBits() != s.algBits()
                    || ours.get().tls13() != s.protocol().equals("TLSv1.3")) {
                wrong.add(ours.get() + " but openssl says " + s);
            }
            // The reverse lookup CIPHERS uses.
            if (ours.isPresent() && !OpenSslNames.byOpenSsl(s.openssl()).equals(ours)) {
                wrong.add("byOpenSsl(" + s.openssl() + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void opensslConvertsTheSameWay() {
        // -convert maps a standard name to OpenSSL's, a second opinion for a few common suites.
        for (String iana : List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            String out = Tools.openssl(dir, "ciphers", "-convert", iana);
            assertThat(out.strip()).isEqualTo("OpenSSL cipher name: " + OpenSslNames.openssl(iana));
        }
    }

    @Test
    void coversEverySuiteBothJsseProvidersCanNegotiate() throws Exception {
        Set<String> jsse = new LinkedHashSet<>();
        for (TlsProvider provider : TlsProvider.values()) {
            SSLContext context = SSLContext.getInstance("TLS", provider.provider());
            context.init(null, null, null);
            jsse.addAll(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        }
        jsse.removeIf(s -> s.endsWith("_SCSV"));
        assertThat(jsse).hasSizeGreaterThan(100);
        assertThat(jsse).allSatisfy(s -> assertThat(OpenSslNames.byIana(s)).as(s).isPresent());
    }

    @Test
    void entriesOpensslDoesNotKnowAreJsseSuites() throws Exception {
        Set<String> jsse = new LinkedHashSet<>();
        for (TlsProvider provider : TlsProvider.values()) {
            SSLContext context = SSLContext.getInstance("TLS", provider.provider());
            context.init(null, null, null);
            jsse.addAll(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        }
        Map<String, OpensslSuite> openssl = opensslSuites();
        assertThat(OpenSslNames.all()).filteredOn(c -> !openssl.containsKey(c.iana()))
                .allSatisfy(c -> assertThat(jsse).as(c.iana()).contains(c.iana()));
    }

    @Test
    void keySizesAsOpensslReportsThem() {
        assertThat(OpenSslNames.byIana("TLS_AES_256_GCM_SHA384").orElseThrow())
                .isEqualTo(new OpenSslNames.Cipher("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 256, 256));
        assertThat(OpenSslNames.byIana("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow().openssl())
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        var chacha = OpenSslNames.byIana("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256").orElseThrow();
        assertThat(chacha.useBits()).isEqualTo(256);
        var des3 = OpenSslNames.byIana("SSL_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow();
        assertThat(des3.openssl()).isEqualTo("DES-CBC3-SHA");
        assertThat(des3.useBits()).isEqualTo(112);
        assertThat(des3.algBits()).isEqualTo(168);
        var nul = OpenSslNames.byIana("TLS_RSA_WITH_NULL_SHA256").orElseThrow();
        assertThat(nul.export()).isTrue();
        assertThat(des3.export()).isFalse();
        assertThat(OpenSslNames.openssl("TLS_UNHEARD_OF")).isEqualTo("TLS_UNHEARD_OF");
    }
}
