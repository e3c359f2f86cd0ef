/**
 * The TLS building blocks of sslserver and sslclient, on the JSSE API (SunJSSE by default, BCJSSE
 * selectable) with BouncyCastle for what the JDK cannot do.
 *
 * <ul>
 *   <li>Key material: {@link org.ucspi4j.runtime.tls.PemReader} reads PEM as OpenSSL does (other
 *       blocks skipped; PKCS#1, SEC1, DSA, PKCS#8, encrypted PKCS#8 with PBES2/PBKDF2, scrypt, PBES1
 *       and PKCS#12 PBE, legacy {@code Proc-Type: 4,ENCRYPTED}; passphrases as raw bytes), and
 *       {@link org.ucspi4j.runtime.tls.KeyMaterial} loads CERTFILE/CERTCHAINFILE/KEYFILE and checks
 *       the key against the certificate. {@link org.ucspi4j.runtime.tls.SelfSignedCertificate} is the
 *       default when nothing is configured.</li>
 *   <li>{@link org.ucspi4j.runtime.tls.DhParameters}: DHFILE, and how (far) it can reach JSSE.</li>
 *   <li>Contexts: {@link org.ucspi4j.runtime.tls.TlsContexts} builds
 *       {@link org.ucspi4j.runtime.tls.ServerTlsContext} and
 *       {@link org.ucspi4j.runtime.tls.ClientTlsContext} from
 *       {@link org.ucspi4j.runtime.tls.TlsServerConfig} and
 *       {@link org.ucspi4j.runtime.tls.TlsClientConfig}; {@link org.ucspi4j.runtime.tls.CipherList}
 *       reads CIPHERS; {@link org.ucspi4j.runtime.tls.ClientNameCheck} is sslserver {@code -z}'s name
 *       rule.</li>
 *   <li>The environment: {@link org.ucspi4j.runtime.tls.SslVariables} renders a session's
 *       {@code SSL_*} variables in ucspi-ssl's order, using
 *       {@link org.ucspi4j.runtime.tls.CertificateFields},
 *       {@link org.ucspi4j.runtime.tls.DistinguishedNames} (OpenSSL's oneline form),
 *       {@link org.ucspi4j.runtime.tls.OpenSslNames} (cipher names and key sizes) and
 *       {@link org.ucspi4j.runtime.tls.OpenSslObjects} (attribute and algorithm names).</li>
 * </ul>
 *
 * <p>Where this differs from ucspi-ssl 0.13.07 on purpose: peer certificates are exported as 0.95b
 * did; the SAN variables are set; V_START/V_END also work for GeneralizedTime (0.13 fails on dates from
 * 2050 on); a variable whose data is missing is left out, never set empty; name components are text
 * (UTF-8 when written to the environment) rather than the raw bytes of BMP/Teletex/Universal strings;
 * CIPHERS accepts TLS 1.2 names too, each kind restricting only its own protocol versions; unknown
 * names are errors rather than ignored; only TLS 1.2 and 1.3 are enabled by default.
 */
package org.ucspi4j.runtime.tls;
