package org.ucspi4j.runtime.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Time;

/**
 * The fields of one certificate in the forms OpenSSL prints them, which is what ucspi-ssl puts into
 * the {@code SSL_SERVER_*} and {@code SSL_CLIENT_*} variables. Everything is read from the DER
 * encoding (through BouncyCastle's ASN.1 classes), not from the JDK's parsed view, so that names keep
 * their order and string types and times keep their exact form.
 */
final class CertificateFields {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final X509Certificate certificate;
    private final Certificate asn1;

    private CertificateFields(X509Certificate certificate, Certificate asn1) {
        this.certificate = certificate;
        this.asn1 = asn1;
    }

    public static CertificateFields of(X509Certificate certificate) {
        try {
            return new CertificateFields(certificate, Certificate.getInstance(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate without an encoding", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** {@code M_VERSION}: 1, 2 or 3. */
    public int version() {
        return asn1.getVersionNumber();
    }

    /** {@code M_SERIAL}: the serial number in decimal ({@code BN_bn2dec}), negative ones with a minus. */
    public String serial() {
        return asn1.getSerialNumber().getValue().toString();
    }

    public X500Name subject() {
        return asn1.getSubject();
    }

    public X500Name issuer() {
        return asn1.getIssuer();
    }

    /** {@code S_DN}: the subject in OpenSSL's oneline form; empty for an empty subject. */
    public String subjectOneline() {
        return DistinguishedNames.oneline(asn1.getSubject());
    }

    /** {@code I_DN}: the issuer in OpenSSL's oneline form. */
    public String issuerOneline() {
        return DistinguishedNames.oneline(asn1.getIssuer());
    }

    /**
     * The last value of the subject attribute {@code oid} ({@code S_DN_x}; ucspi-ssl sets the variable
     * once per occurrence, so the last one stays). Empty when there is none, when it is empty, or when
     * it holds a NUL, which no environment variable can carry.
     */
    public Optional<String> subjectValue(String oid) {
        return last(DistinguishedNames.values(asn1.getSubject(), oid));
    }

    /** The last value of the issuer attribute {@code oid} ({@code I_DN_x}), as {@link #subjectValue}. */
    public Optional<String> issuerValue(String oid) {
        return last(DistinguishedNames.values(asn1.getIssuer(), oid));
    }

    private static Optional<String> last(List<String> values) {
        return values.isEmpty() ? Optional.empty() : usable(values.getLast());
    }

    private static Optional<String> usable(String value) {
        return value.isEmpty() || value.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(value);
    }

    /**
     * {@code A_SIG}: OpenSSL's long name for the signature algorithm inside the to-be-signed part
     * ({@code X509_get0_tbs_sigalg}), e.g. {@code sha256WithRSAEncryption}; {@code UNKNOWN} otherwise.
     */
    public String signatureAlgorithm() {
        return OpenSslObjects.algorithmName(asn1.getTBSCertificate().getSignature().getAlgorithm().getId());
    }

    /** {@code A_KEY}: OpenSSL's long name for the public-key algorithm, e.g. {@code id-ecPublicKey}. */
    public String keyAlgorithm() {
        return OpenSslObjects.algorithmName(asn1.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId());
    }

    /** {@code V_START}: notBefore as {@code ASN1_TIME_print} shows it, e.g. {@code Aug  6 12:51:18 2024 GMT}. */
    public Optional<String> notBefore() {
        return timePrint(asn1.getStartDate());
    }

    /** {@code V_END}: notAfter, as {@link #notBefore()}. */
    public Optional<String> notAfter() {
        return timePrint(asn1.getEndDate());
    }

    /** The subject alternative names of type dNSName, in certificate order (see {@link #sanEmails()}). */
    public List<String> sanDnsNames() {
        return subjectAltNames(GeneralName.dNSName);
    }

    /**
     * The subject alternative names of type rfc822Name, in certificate order. Names holding a NUL are
     * left out: cut at the NUL, as a C string would be, they could pass for a different name.
     */
    public List<String> sanEmails() {
        return subjectAltNames(GeneralName.rfc822Name);
    }

    private List<String> subjectAltNames(int tag) {
        Extensions extensions = asn1.getTBSCertificate().getExtensions();
        List<String> out = new ArrayList<>();
        if (extensions == null) {
            return out;
        }
        GeneralNames names;
        try {
            names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        } catch (RuntimeException e) {
            return out; // A malformed extension carries no names OpenSSL would show either.
        }
        if (names == null) {
            return out;
        }
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == tag && Der.tag(name.getName()) == BERTags.IA5_STRING) {
                usable(new String(Der.data(name.getName()), StandardCharsets.ISO_8859_1)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code CERT}: the certificate as {@code PEM_write_bio_X509} writes it, ending in a newline. */
    public String pem() {
        return pem(certificate);
    }

    /** PEM with 64-column base64 lines, as OpenSSL writes it. */
    public static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate without an encoding", e);
        }
    }

    private static final Pattern UTC_TIME =
            Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(Z|[+-]\\d{4})");
    private static final Pattern GENERALIZED_TIME =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(\\.\\d*)?)?(Z|[+-]\\d{4})?");

    /**
     * OpenSSL 3's {@code ASN1_TIME_print}: {@code "%s %2d %02d:%02d:%02d%.*s %d%s"} with the month's
     * abbreviation, a GeneralizedTime's fraction of a second as written (".5"), and " GMT" when the
     * time ends in Z (a time with an offset is shifted to UTC and printed without it). UTCTime years
     * 50..99 are 19xx. Empty for a time OpenSSL would call a "Bad time value".
     */
    static Optional<String> timePrint(Time time) {
        ASN1Encodable value = time.toASN1Primitive();
        String text = new String(Der.data(value), StandardCharsets.ISO_8859_1);
        boolean generalized = Der.tag(value) == BERTags.GENERALIZED_TIME;
        Matcher m = (generalized ? GENERALIZED_TIME : UTC_TIME).matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year;
        String fraction = "";
        String zone;
        if (generalized) {
            year = Integer.parseInt(m.group(1));
            fraction = m.group(7) == null ? "" : m.group(7);
            zone = m.group(8) == null ? "" : m.group(8);
        } else {
            int yy = Integer.parseInt(m.group(1));
            year = yy < 50 ? 2000 + yy : 1900 + yy;
            zone = m.group(7);
        }
        int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        LocalDateTime t;
        try {
            t = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), seconds);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        if (zone.length() == 5) {
            int minutes = Integer.parseInt(zone.substring(1, 3)) * 60 + Integer.parseInt(zone.substring(3));
            t = t.minusMinutes(zone.charAt(0) == '+' ? minutes : -minutes);
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "%s %2d %02d:%02d:%02d%s %d%s",
                MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                fraction, t.getYear(), zone.equals("Z") ? " GMT" : ""));
    }
}
