package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.BERTags;

/** The raw view of a DER value that OpenSSL's printers work on: its universal tag and its data bytes. */
final class Der {
    private Der() {}

    /** The universal tag number, or -1 for a value of another class. */
    static int tag(ASN1Encodable value) {
        int first = encoding(value)[0] & 0xff;
        return (first & 0xc0) == 0 ? first & 0x1f : -1;
    }

    /**
     * What OpenSSL keeps as an ASN1_STRING's data: the contents octets of a primitive (of a BIT STRING
     * without its unused-bits octet), the whole encoding of a constructed value.
     */
    static byte[] data(ASN1Encodable value) {
        byte[] der = encoding(value);
        if ((der[0] & 0x20) != 0) {
            return der;
        }
        int lengthOctet = der[1] & 0xff;
        int offset = 2 + ((lengthOctet & 0x80) != 0 ? lengthOctet & 0x7f : 0);
        if ((der[0] & 0xff) == BERTags.BIT_STRING && der.length > offset) {
            offset++;
        }
        return Arrays.copyOfRange(der, offset, der.length);
    }

    private static byte[] encoding(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
