package org.ucspi4j.runtime.tls;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server_name extension of a ClientHello in a TLS record (RFC 8446 4.1.2, RFC 6066 3), read with
 * every length checked against what is there; anything malformed or cut short reads as no name.
 */
final class ClientHelloServerName {
    private ClientHelloServerName() {}

    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int HOST_NAME = 0;

    /**
     * The host name in {@code record} (header included); empty when the ClientHello has no
     * server_name extension; null when the record is no whole ClientHello.
     */
    static String of(byte[] record) {
        try {
            ByteBuffer r = ByteBuffer.wrap(record);
            if (u8(r) != HANDSHAKE) {
                return null;
            }
            r.getShort(); // record version
            ByteBuffer body = slice(r, u16(r));
            if (u8(body) != CLIENT_HELLO) {
                return null;
            }
            ByteBuffer hello = slice(body, u24(body)); // not all in this record: null, the provider decides
            hello.position(hello.position() + 2 + 32); // legacy_version, random
            skip(hello, u8(hello)); // legacy_session_id
            skip(hello, u16(hello)); // cipher_suites
            skip(hello, u8(hello)); // legacy_compression_methods
            ByteBuffer extensions = slice(hello, u16(hello));
            while (extensions.remaining() >= 4) {
                int type = u16(extensions);
                ByteBuffer data = slice(extensions, u16(extensions));
                if (type == SERVER_NAME) {
                    String host = hostName(data);
                    return host == null ? "" : host;
                }
            }
            return extensions.hasRemaining() ? null : "";
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String hostName(ByteBuffer data) {
        ByteBuffer list = slice(data, u16(data));
        while (list.hasRemaining()) {
            int type = u8(list);
            ByteBuffer name = slice(list, u16(list));
            if (type == HOST_NAME) {
                byte[] b = new byte[name.remaining()];
                name.get(b);
                return new String(b, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static ByteBuffer slice(ByteBuffer b, int length) {
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer s = b.slice(b.position(), length);
        b.position(b.position() + length);
        return s;
    }

    private static void skip(ByteBuffer b, int length) {
        slice(b, length);
    }

    private static int u8(ByteBuffer b) {
        return b.get() & 0xff;
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    private static int u24(ByteBuffer b) {
        return u8(b) << 16 | u16(b);
    }
}
