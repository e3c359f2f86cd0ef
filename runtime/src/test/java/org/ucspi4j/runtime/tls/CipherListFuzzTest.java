package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Timeout;

/** CIPHERS of any text against the suites SunJSSE supports. */
class CipherListFuzzTest {
    private static final List<String> SUPPORTED;
    private static final List<String> DEFAULTS;

    static {
        try {
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(null, null, null);
            SUPPORTED = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
            DEFAULTS = Arrays.asList(context.getDefaultSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException
                | java.security.KeyManagementException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Either a list to enable (not empty, no duplicates, only suites the provider supports, TLS 1.3
     * suites first; the defaults for a blank value) or {@code unable to set cipher list}; never any
     * other exception.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void resolve(byte[] data) {
        String spec = new String(data, StandardCharsets.UTF_8);
        List<String> suites;
        try {
            suites = CipherList.resolve(spec, SUPPORTED, DEFAULTS).suites();
        } catch (TlsSetupException.CipherList e) {
            assertThat(e.serverMessage()).isEqualTo("unable to set cipher list");
            assertThat(e.getMessage()).startsWith("unable to set cipher list: ");
            return;
        }
        assertThat(suites).isNotEmpty().doesNotHaveDuplicates();
        assertThat(SUPPORTED).containsAll(suites);
        if (spec.isBlank()) {
            assertThat(suites).isEqualTo(DEFAULTS);
            return;
        }
        boolean older = false;
        for (String s : suites) {
            boolean tls13 = s.startsWith("TLS_") && !s.contains("_WITH_") && !s.endsWith("_SCSV");
            assertThat(tls13 && older).as("TLS 1.3 suites come first: %s", suites).isFalse();
            older |= !tls13;
        }
    }
}
