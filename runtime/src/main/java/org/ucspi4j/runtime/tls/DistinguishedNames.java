package org.ucspi4j.runtime.tls;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names as OpenSSL shows them to ucspi-ssl programs: the "oneline" form of
 * {@code X509_NAME_oneline} ({@code /C=US/ST=New York/O=Example/CN=loopback}) and single attribute
 * values. Both work on the name as encoded in the certificate, in its order, with the raw bytes of
 * each value, because that is what OpenSSL prints; nothing is normalised.
 */
final class DistinguishedNames {
    private DistinguishedNames() {}

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * OpenSSL 3's {@code X509_NAME_oneline}: each attribute as {@code /SN=value} ({@code +SN=value}
     * for further members of a multi-valued RDN), SN being OpenSSL's short name or the dotted OID;
     * in values, bytes outside 0x20..0x7e become {@code \xHH} (upper-case hex) and {@code /} and
     * {@code +} get a backslash. The empty name gives the empty string.
     */
    public static String oneline(X500Name name) {
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            boolean first = true;
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                out.append(first ? '/' : '+');
                first = false;
                out.append(OpenSslObjects.attributeName(atv.getType().getId())).append('=');
                for (byte b : onelineBytes(atv.getValue())) {
                    int c = b & 0xff;
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\x").append(HEX.toHexDigits((byte) c));
                    } else {
                        if (c == '/' || c == '+') {
                            out.append('\\');
                        }
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The values of every attribute of type {@code oid} in {@code name}, in certificate order, as
     * text. UTF8String, BMPString and UniversalString are decoded from their encodings; the other
     * string types are single-byte and read as ISO-8859-1 (OpenSSL's reading of T61String).
     */
    public static List<String> values(X500Name name, String oid) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().getId().equals(oid)) {
                    out.add(text(atv.getValue()));
                }
            }
        }
        return out;
    }

    /** A single attribute value as text (see {@link #values}). */
    static String text(ASN1Encodable value) {
        byte[] octets = Der.data(value);
        Charset charset = switch (Der.tag(value)) {
            case BERTags.UTF8_STRING -> StandardCharsets.UTF_8;
            case BERTags.BMP_STRING -> StandardCharsets.UTF_16BE;
            case BERTags.UNIVERSAL_STRING -> Charset.forName("UTF-32BE");
            default -> StandardCharsets.ISO_8859_1;
        };
        return new String(octets, charset);
    }

    /**
     * The bytes {@code X509_NAME_oneline} walks for a value: the string's contents, except that a
     * GeneralString whose length is a multiple of four and whose bytes are zero except every fourth
     * (a UCS-4 string of Latin-1 characters in disguise) contributes only those fourth bytes.
     */
    private static byte[] onelineBytes(ASN1Encodable value) {
        byte[] q = Der.data(value);
        if (Der.tag(value) != BERTags.GENERAL_STRING || q.length % 4 != 0) {
            return q;
        }
        boolean[] used = new boolean[4];
        for (int j = 0; j < q.length; j++) {
            if (q[j] != 0) {
                used[j & 3] = true;
            }
        }
        if (used[0] || used[1] || used[2]) {
            return q;
        }
        byte[] out = new byte[q.length / 4];
        for (int j = 3, k = 0; j < q.length; j += 4, k++) {
            out[k] = q[j];
        }
        return out;
    }
}
