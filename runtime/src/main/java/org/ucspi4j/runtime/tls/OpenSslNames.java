package org.ucspi4j.runtime.tls;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSL's names for TLS cipher suites, keyed by the IANA (and JSSE) name, with the key sizes OpenSSL
 * reports for each ({@code SSL_CIPHER_get_bits}: the bits in use and the cipher's nominal key size).
 * It covers every suite OpenSSL 3.0 implements and every suite SunJSSE or BCJSSE can negotiate.
 * TLS 1.3 suites keep their IANA names in OpenSSL; TLS 1.2 and older ones have OpenSSL's own names
 * ({@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384} is {@code ECDHE-RSA-AES256-GCM-SHA384}).
 */
final class OpenSslNames {
    private OpenSslNames() {}

    /** One suite: IANA name, OpenSSL name, and the bits OpenSSL reports as used and as the cipher's key size. */
    public record Cipher(String iana, String openssl, int useBits, int algBits) {
        /** TLS 1.3 suites name no key exchange; every older IANA name has {@code _WITH_}. */
        public boolean tls13() {
            return !iana.contains("_WITH_");
        }

        /** What {@code SSL_CIPHER_EXPORT} says: fewer than 56 bits in use. */
        public boolean export() {
            return useBits < 56;
        }
    }

    /*
     * Columns: IANA name, OpenSSL name, bits used, cipher key bits. The bits are OpenSSL's
     * Enc=...(n) column; 3DES uses 112 of its 168 bits, NULL ciphers 0. The last block's IANA
     * fallback follows OpenSSL, which names TLS 1.3 suites by their IANA names too.
     */
    private static final String TABLE = """
            # OpenSSL 3.0: openssl ciphers -V -stdname -ciphersuites <all five> 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'
            TLS_AES_256_GCM_SHA384                         TLS_AES_256_GCM_SHA384          256 256
            TLS_CHACHA20_POLY1305_SHA256                   TLS_CHACHA20_POLY1305_SHA256    256 256
            TLS_AES_128_GCM_SHA256                         TLS_AES_128_GCM_SHA256          128 128
            TLS_AES_128_CCM_SHA256                         TLS_AES_128_CCM_SHA256          128 128
            TLS_AES_128_CCM_8_SHA256                       TLS_AES_128_CCM_8_SHA256        128 128
            TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384        ECDHE-ECDSA-AES256-GCM-SHA384   256 256
            TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384          ECDHE-RSA-AES256-GCM-SHA384     256 256
            TLS_DHE_DSS_WITH_AES_256_GCM_SHA384            DHE-DSS-AES256-GCM-SHA384       256 256
            TLS_DHE_RSA_WITH_AES_256_GCM_SHA384            DHE-RSA-AES256-GCM-SHA384       256 256
            TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256  ECDHE-ECDSA-CHACHA20-POLY1305   256 256
            TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256    ECDHE-RSA-CHACHA20-POLY1305     256 256
            TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256      DHE-RSA-CHACHA20-POLY1305       256 256
            TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8             ECDHE-ECDSA-AES256-CCM8         256 256
            TLS_ECDHE_ECDSA_WITH_AES_256_CCM               ECDHE-ECDSA-AES256-CCM          256 256
            TLS_DHE_RSA_WITH_AES_256_CCM_8                 DHE-RSA-AES256-CCM8             256 256
            TLS_DHE_RSA_WITH_AES_256_CCM                   DHE-RSA-AES256-CCM              256 256
            TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384       ECDHE-ECDSA-ARIA256-GCM-SHA384  256 256
            TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384         ECDHE-ARIA256-GCM-SHA384        256 256
            TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384           DHE-DSS-ARIA256-GCM-SHA384      256 256
            TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384           DHE-RSA-ARIA256-GCM-SHA384      256 256
            TLS_DH_anon_WITH_AES_256_GCM_SHA384            ADH-AES256-GCM-SHA384           256 256
            TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256        ECDHE-ECDSA-AES128-GCM-SHA256   128 128
            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256          ECDHE-RSA-AES128-GCM-SHA256     128 128
            TLS_DHE_DSS_WITH_AES_128_GCM_SHA256            DHE-DSS-AES128-GCM-SHA256       128 128
            TLS_DHE_RSA_WITH_AES_128_GCM_SHA256            DHE-RSA-AES128-GCM-SHA256       128 128
            TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8             ECDHE-ECDSA-AES128-CCM8         128 128
            TLS_ECDHE_ECDSA_WITH_AES_128_CCM               ECDHE-ECDSA-AES128-CCM          128 128
            TLS_DHE_RSA_WITH_AES_128_CCM_8                 DHE-RSA-AES128-CCM8             128 128
            TLS_DHE_RSA_WITH_AES_128_CCM                   DHE-RSA-AES128-CCM              128 128
            TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256       ECDHE-ECDSA-ARIA128-GCM-SHA256  128 128
            TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256         ECDHE-ARIA128-GCM-SHA256        128 128
            TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256           DHE-DSS-ARIA128-GCM-SHA256      128 128
            TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256           DHE-RSA-ARIA128-GCM-SHA256      128 128
            TLS_DH_anon_WITH_AES_128_GCM_SHA256            ADH-AES128-GCM-SHA256           128 128
            TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384        ECDHE-ECDSA-AES256-SHA384       256 256
            TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384          ECDHE-RSA-AES256-SHA384         256 256
            TLS_DHE_RSA_WITH_AES_256_CBC_SHA256            DHE-RSA-AES256-SHA256           256 256
            TLS_DHE_DSS_WITH_AES_256_CBC_SHA256            DHE-DSS-AES256-SHA256           256 256
            TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384   ECDHE-ECDSA-CAMELLIA256-SHA384  256 256
            TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384     ECDHE-RSA-CAMELLIA256-SHA384    256 256
            TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256       DHE-RSA-CAMELLIA256-SHA256      256 256
            TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256       DHE-DSS-CAMELLIA256-SHA256      256 256
            TLS_DH_anon_WITH_AES_256_CBC_SHA256            ADH-AES256-SHA256               256 256
            TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256       ADH-CAMELLIA256-SHA256          256 256
            TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256        ECDHE-ECDSA-AES128-SHA256       128 128
            TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256          ECDHE-RSA-AES128-SHA256         128 128
            TLS_DHE_RSA_WITH_AES_128_CBC_SHA256            DHE-RSA-AES128-SHA256           128 128
            TLS_DHE_DSS_WITH_AES_128_CBC_SHA256            DHE-DSS-AES128-SHA256           128 128
            TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256   ECDHE-ECDSA-CAMELLIA128-SHA256  128 128
            TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256     ECDHE-RSA-CAMELLIA128-SHA256    128 128
            TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256       DHE-RSA-CAMELLIA128-SHA256      128 128
            TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256       DHE-DSS-CAMELLIA128-SHA256      128 128
            TLS_DH_anon_WITH_AES_128_CBC_SHA256            ADH-AES128-SHA256               128 128
            TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256       ADH-CAMELLIA128-SHA256          128 128
            TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA           ECDHE-ECDSA-AES256-SHA          256 256
            TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA             ECDHE-RSA-AES256-SHA            256 256
            TLS_DHE_RSA_WITH_AES_256_CBC_SHA               DHE-RSA-AES256-SHA              256 256
            TLS_DHE_DSS_WITH_AES_256_CBC_SHA               DHE-DSS-AES256-SHA              256 256
            TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA          DHE-RSA-CAMELLIA256-SHA         256 256
            TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA          DHE-DSS-CAMELLIA256-SHA         256 256
            TLS_ECDH_anon_WITH_AES_256_CBC_SHA             AECDH-AES256-SHA                256 256
            TLS_DH_anon_WITH_AES_256_CBC_SHA               ADH-AES256-SHA                  256 256
            TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA          ADH-CAMELLIA256-SHA             256 256
            TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA           ECDHE-ECDSA-AES128-SHA          128 128
            TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA             ECDHE-RSA-AES128-SHA            128 128
            TLS_DHE_RSA_WITH_AES_128_CBC_SHA               DHE-RSA-AES128-SHA              128 128
            TLS_DHE_DSS_WITH_AES_128_CBC_SHA               DHE-DSS-AES128-SHA              128 128
            TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA          DHE-RSA-CAMELLIA128-SHA         128 128
            TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA          DHE-DSS-CAMELLIA128-SHA         128 128
            TLS_ECDH_anon_WITH_AES_128_CBC_SHA             AECDH-AES128-SHA                128 128
            TLS_DH_anon_WITH_AES_128_CBC_SHA               ADH-AES128-SHA                  128 128
            TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA          ADH-CAMELLIA128-SHA             128 128
            TLS_RSA_PSK_WITH_AES_256_GCM_SHA384            RSA-PSK-AES256-GCM-SHA384       256 256
            TLS_DHE_PSK_WITH_AES_256_GCM_SHA384            DHE-PSK-AES256-GCM-SHA384       256 256
            TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256      RSA-PSK-CHACHA20-POLY1305       256 256
            TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256      DHE-PSK-CHACHA20-POLY1305       256 256
            TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256    ECDHE-PSK-CHACHA20-POLY1305     256 256
            TLS_PSK_DHE_WITH_AES_256_CCM_8                 DHE-PSK-AES256-CCM8             256 256
            TLS_DHE_PSK_WITH_AES_256_CCM                   DHE-PSK-AES256-CCM              256 256
            TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384           RSA-PSK-ARIA256-GCM-SHA384      256 256
            TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384           DHE-PSK-ARIA256-GCM-SHA384      256 256
            TLS_RSA_WITH_AES_256_GCM_SHA384                AES256-GCM-SHA384               256 256
            TLS_RSA_WITH_AES_256_CCM_8                     AES256-CCM8                     256 256
            TLS_RSA_WITH_AES_256_CCM                       AES256-CCM                      256 256
            TLS_RSA_WITH_ARIA_256_GCM_SHA384               ARIA256-GCM-SHA384              256 256
            TLS_PSK_WITH_AES_256_GCM_SHA384                PSK-AES256-GCM-SHA384           256 256
            TLS_PSK_WITH_CHACHA20_POLY1305_SHA256          PSK-CHACHA20-POLY1305           256 256
            TLS_PSK_WITH_AES_256_CCM_8                     PSK-AES256-CCM8                 256 256
            TLS_PSK_WITH_AES_256_CCM                       PSK-AES256-CCM                  256 256
            TLS_PSK_WITH_ARIA_256_GCM_SHA384               PSK-ARIA256-GCM-SHA384          256 256
            TLS_RSA_PSK_WITH_AES_128_GCM_SHA256            RSA-PSK-AES128-GCM-SHA256       128 128
            TLS_DHE_PSK_WITH_AES_128_GCM_SHA256            DHE-PSK-AES128-GCM-SHA256       128 128
            TLS_PSK_DHE_WITH_AES_128_CCM_8                 DHE-PSK-AES128-CCM8             128 128
            TLS_DHE_PSK_WITH_AES_128_CCM                   DHE-PSK-AES128-CCM              128 128
            TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256           RSA-PSK-ARIA128-GCM-SHA256      128 128
            TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256           DHE-PSK-ARIA128-GCM-SHA256      128 128
            TLS_RSA_WITH_AES_128_GCM_SHA256                AES128-GCM-SHA256               128 128
            TLS_RSA_WITH_AES_128_CCM_8                     AES128-CCM8                     128 128
            TLS_RSA_WITH_AES_128_CCM                       AES128-CCM                      128 128
            TLS_RSA_WITH_ARIA_128_GCM_SHA256               ARIA128-GCM-SHA256              128 128
            TLS_PSK_WITH_AES_128_GCM_SHA256                PSK-AES128-GCM-SHA256           128 128
            TLS_PSK_WITH_AES_128_CCM_8                     PSK-AES128-CCM8                 128 128
            TLS_PSK_WITH_AES_128_CCM                       PSK-AES128-CCM                  128 128
            TLS_PSK_WITH_ARIA_128_GCM_SHA256               PSK-ARIA128-GCM-SHA256          128 128
            TLS_RSA_WITH_AES_256_CBC_SHA256                AES256-SHA256                   256 256
            TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256           CAMELLIA256-SHA256              256 256
            TLS_RSA_WITH_AES_128_CBC_SHA256                AES128-SHA256                   128 128
            TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256           CAMELLIA128-SHA256              128 128
            TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384          ECDHE-PSK-AES256-CBC-SHA384     256 256
            TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA             ECDHE-PSK-AES256-CBC-SHA        256 256
            TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA           SRP-DSS-AES-256-CBC-SHA         256 256
            TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA           SRP-RSA-AES-256-CBC-SHA         256 256
            TLS_SRP_SHA_WITH_AES_256_CBC_SHA               SRP-AES-256-CBC-SHA             256 256
            TLS_RSA_PSK_WITH_AES_256_CBC_SHA384            RSA-PSK-AES256-CBC-SHA384       256 256
            TLS_DHE_PSK_WITH_AES_256_CBC_SHA384            DHE-PSK-AES256-CBC-SHA384       256 256
            TLS_RSA_PSK_WITH_AES_256_CBC_SHA               RSA-PSK-AES256-CBC-SHA          256 256
            TLS_DHE_PSK_WITH_AES_256_CBC_SHA               DHE-PSK-AES256-CBC-SHA          256 256
            TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384     ECDHE-PSK-CAMELLIA256-SHA384    256 256
            TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384       RSA-PSK-CAMELLIA256-SHA384      256 256
            TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384       DHE-PSK-CAMELLIA256-SHA384      256 256
            TLS_RSA_WITH_AES_256_CBC_SHA                   AES256-SHA                      256 256
            TLS_RSA_WITH_CAMELLIA_256_CBC_SHA              CAMELLIA256-SHA                 256 256
            TLS_PSK_WITH_AES_256_CBC_SHA384                PSK-AES256-CBC-SHA384           256 256
            TLS_PSK_WITH_AES_256_CBC_SHA                   PSK-AES256-CBC-SHA              256 256
            TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384           PSK-CAMELLIA256-SHA384          256 256
            TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256          ECDHE-PSK-AES128-CBC-SHA256     128 128
            TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA             ECDHE-PSK-AES128-CBC-SHA        128 128
            TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA           SRP-DSS-AES-128-CBC-SHA         128 128
            TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA           SRP-RSA-AES-128-CBC-SHA         128 128
            TLS_SRP_SHA_WITH_AES_128_CBC_SHA               SRP-AES-128-CBC-SHA             128 128
            TLS_RSA_PSK_WITH_AES_128_CBC_SHA256            RSA-PSK-AES128-CBC-SHA256       128 128
            TLS_DHE_PSK_WITH_AES_128_CBC_SHA256            DHE-PSK-AES128-CBC-SHA256       128 128
            TLS_RSA_PSK_WITH_AES_128_CBC_SHA               RSA-PSK-AES128-CBC-SHA          128 128
            TLS_DHE_PSK_WITH_AES_128_CBC_SHA               DHE-PSK-AES128-CBC-SHA          128 128
            TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256     ECDHE-PSK-CAMELLIA128-SHA256    128 128
            TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256       RSA-PSK-CAMELLIA128-SHA256      128 128
            TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256       DHE-PSK-CAMELLIA128-SHA256      128 128
            TLS_RSA_WITH_AES_128_CBC_SHA                   AES128-SHA                      128 128
            TLS_RSA_WITH_CAMELLIA_128_CBC_SHA              CAMELLIA128-SHA                 128 128
            TLS_PSK_WITH_AES_128_CBC_SHA256                PSK-AES128-CBC-SHA256           128 128
            TLS_PSK_WITH_AES_128_CBC_SHA                   PSK-AES128-CBC-SHA              128 128
            TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256           PSK-CAMELLIA128-SHA256          128 128
            TLS_ECDHE_ECDSA_WITH_NULL_SHA                  ECDHE-ECDSA-NULL-SHA              0   0
            TLS_ECDHE_RSA_WITH_NULL_SHA                    ECDHE-RSA-NULL-SHA                0   0
            TLS_ECDH_anon_WITH_NULL_SHA                    AECDH-NULL-SHA                    0   0
            TLS_RSA_WITH_NULL_SHA256                       NULL-SHA256                       0   0
            TLS_ECDHE_PSK_WITH_NULL_SHA384                 ECDHE-PSK-NULL-SHA384             0   0
            TLS_ECDHE_PSK_WITH_NULL_SHA256                 ECDHE-PSK-NULL-SHA256             0   0
            TLS_ECDHE_PSK_WITH_NULL_SHA                    ECDHE-PSK-NULL-SHA                0   0
            TLS_RSA_PSK_WITH_NULL_SHA384                   RSA-PSK-NULL-SHA384               0   0
            TLS_RSA_PSK_WITH_NULL_SHA256                   RSA-PSK-NULL-SHA256               0   0
            TLS_DHE_PSK_WITH_NULL_SHA384                   DHE-PSK-NULL-SHA384               0   0
            TLS_DHE_PSK_WITH_NULL_SHA256                   DHE-PSK-NULL-SHA256               0   0
            TLS_RSA_PSK_WITH_NULL_SHA                      RSA-PSK-NULL-SHA                  0   0
            TLS_DHE_PSK_WITH_NULL_SHA                      DHE-PSK-NULL-SHA                  0   0
            TLS_RSA_WITH_NULL_SHA                          NULL-SHA                          0   0
            TLS_RSA_WITH_NULL_MD5                          NULL-MD5                          0   0
            TLS_PSK_WITH_NULL_SHA384                       PSK-NULL-SHA384                   0   0
            TLS_PSK_WITH_NULL_SHA256                       PSK-NULL-SHA256                   0   0
            TLS_PSK_WITH_NULL_SHA                          PSK-NULL-SHA                      0   0
            # JSSE suites this OpenSSL build leaves out; names from the openssl-ciphers(1) table
            TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA              DHE-DSS-DES-CBC3-SHA            112 168
            TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256       DHE-DSS-CAMELLIA128-GCM-SHA256  128 128
            TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384       DHE-DSS-CAMELLIA256-GCM-SHA384  256 256
            TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA              DHE-RSA-DES-CBC3-SHA            112 168
            TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256           DHE-RSA-ARIA128-CBC-SHA256      128 128
            TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384           DHE-RSA-ARIA256-CBC-SHA384      256 256
            TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256       DHE-RSA-CAMELLIA128-GCM-SHA256  128 128
            TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384       DHE-RSA-CAMELLIA256-GCM-SHA384  256 256
            TLS_DH_anon_WITH_ARIA_128_CBC_SHA256           ADH-ARIA128-CBC-SHA256          128 128
            TLS_DH_anon_WITH_ARIA_128_GCM_SHA256           ADH-ARIA128-GCM-SHA256          128 128
            TLS_DH_anon_WITH_ARIA_256_CBC_SHA384           ADH-ARIA256-CBC-SHA384          256 256
            TLS_DH_anon_WITH_ARIA_256_GCM_SHA384           ADH-ARIA256-GCM-SHA384          256 256
            TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256       ADH-CAMELLIA128-GCM-SHA256      128 128
            TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384       ADH-CAMELLIA256-GCM-SHA384      256 256
            TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA          ECDHE-ECDSA-DES-CBC3-SHA        112 168
            TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256       ECDHE-ECDSA-ARIA128-CBC-SHA256  128 128
            TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384       ECDHE-ECDSA-ARIA256-CBC-SHA384  256 256
            TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA            ECDHE-RSA-DES-CBC3-SHA          112 168
            TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256         ECDHE-RSA-ARIA128-CBC-SHA256    128 128
            TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384         ECDHE-RSA-ARIA256-CBC-SHA384    256 256
            TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA            AECDH-DES-CBC3-SHA              112 168
            TLS_RSA_WITH_3DES_EDE_CBC_SHA                  DES-CBC3-SHA                    112 168
            TLS_RSA_WITH_ARIA_128_CBC_SHA256               ARIA128-CBC-SHA256              128 128
            TLS_RSA_WITH_ARIA_256_CBC_SHA384               ARIA256-CBC-SHA384              256 256
            TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256           CAMELLIA128-GCM-SHA256          128 128
            TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384           CAMELLIA256-GCM-SHA384          256 256
            # JSSE suites OpenSSL never named (TLS 1.3 style and a few TLS 1.2 ones): the IANA name
            TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256           TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256 128 128
            TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384           TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384 256 256
            TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256   TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256 128 128
            TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384   TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384 256 256
            TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256     TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256 128 128
            TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384     TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384 256 256
            TLS_SHA256_SHA256                              TLS_SHA256_SHA256                 0   0
            TLS_SHA384_SHA384                              TLS_SHA384_SHA384                 0   0
            TLS_SM4_CCM_SM3                                TLS_SM4_CCM_SM3                 128 128
            TLS_SM4_GCM_SM3                                TLS_SM4_GCM_SM3                 128 128
            """;

    private static final Map<String, Cipher> BY_IANA = new LinkedHashMap<>();
    private static final Map<String, Cipher> BY_OPENSSL = new LinkedHashMap<>();

    static {
        for (String line : TABLE.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = trimmed.split("\\s+");
            Cipher cipher = new Cipher(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            if (BY_IANA.putIfAbsent(cipher.iana(), cipher) != null) {
                throw new ExceptionInInitializerError("duplicate suite " + cipher.iana());
            }
            BY_OPENSSL.putIfAbsent(cipher.openssl(), cipher);
        }
    }

    /** Every suite in the table, TLS 1.3 first, then OpenSSL's order. */
    public static Collection<Cipher> all() {
        return List.copyOf(BY_IANA.values());
    }

    /**
     * The suite with this IANA or JSSE name. JSSE spells some old suites {@code SSL_...}; they are
     * the IANA {@code TLS_...} suites.
     */
    public static Optional<Cipher> byIana(String name) {
        if (name.startsWith("SSL_")) {
            name = "TLS_" + name.substring(4);
        }
        return Optional.ofNullable(BY_IANA.get(name));
    }

    /** The suite with this OpenSSL name. */
    public static Optional<Cipher> byOpenSsl(String name) {
        return Optional.ofNullable(BY_OPENSSL.get(name));
    }

    /** OpenSSL's name for a JSSE suite; a suite not in the table keeps its JSSE name. */
    public static String openssl(String jsseName) {
        return byIana(jsseName).map(Cipher::openssl).orElse(jsseName);
    }
}
