package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Timeout;

/**
 * CERTFILE/KEYFILE/CAFILE/CCAFILE/DHFILE contents of any bytes, and valid files with their DER
 * mutated. Whatever the file holds, loading it ends, in bounded time, with the material or with the
 * one {@link TlsSetupException} that stands for that file's C error; nothing else escapes.
 */
class KeyLoadingFuzzTest {
    /** The passphrase of the encrypted seeds. */
    static final byte[] SECRET = "secret".getBytes(StandardCharsets.US_ASCII);

    /** Valid files for {@link #mutatedKey}: fixed names, so that its seeds keep their meaning. */
    private static final List<String> BASES = List.of("rsa-pkcs8-then-cert.pem", "cert-then-rsa-pkcs1.pem",
            "ec-sec1.pem", "ec-legacy-encrypted.pem", "ec-pbkdf2.pem", "ec-scrypt.pem", "ec-pbes1.pem",
            "ed25519.pem", "dsa.pem", "trusted-and-key.pem", "dh-pkcs3.pem", "dh-x942.pem");

    private static final List<List<PemReader.Block>> BASE_BLOCKS = new ArrayList<>();
    private static final Path FILE;

    static {
        try {
            for (String name : BASES) {
                try (InputStream in = KeyLoadingFuzzTest.class.getResourceAsStream(
                        "KeyLoadingFuzzTestInputs/pemFile/" + name)) {
                    BASE_BLOCKS.add(PemReader.blocks(in.readAllBytes()));
                }
            }
            Path dir = Files.createTempDirectory("ucspi4j-keyfuzz");
            FILE = dir.resolve("material.pem");
            dir.toFile().deleteOnExit();
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The input is one file, used as combined certificate and key file (with the seeds' passphrase
     * and with none), as CA file, client-CA file and DH parameter file.
     */
    @FuzzTest
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pemFile(byte[] data) throws IOException {
        check(data, SECRET);
        checkWithoutPassphrase(data);
    }

    /**
     * One of {@link #BASES} with one block's DER mutated: byte 0 picks the file, byte 1 the block,
     * byte 2 the passphrase (0 none, 1 the right one, else that many of the following bytes, up to
     * 63), the rest are edits of four bytes each (kind, offset high, offset low, value): set, insert,
     * delete, truncate.
     */
    @FuzzTest
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedKey(byte[] data) throws IOException {
        if (data.length < 3) {
            return;
        }
        List<PemReader.Block> blocks = new ArrayList<>(BASE_BLOCKS.get((data[0] & 0xff) % BASE_BLOCKS.size()));
        int which = (data[1] & 0xff) % blocks.size();
        int mode = data[2] & 0xff;
        int pos = 3;
        byte[] passphrase;
        if (mode == 0) {
            passphrase = null;
        } else if (mode == 1) {
            passphrase = SECRET;
        } else {
            int n = Math.min(mode % 64, data.length - pos);
            passphrase = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
        }
        byte[] der = blocks.get(which).content();
        for (; pos + 4 <= data.length; pos += 4) {
            der = edit(der, data[pos] & 3, ((data[pos + 1] & 0xff) << 8) | (data[pos + 2] & 0xff), data[pos + 3]);
        }
        PemReader.Block old = blocks.get(which);
        blocks.set(which, new PemReader.Block(old.type(), old.headers(), der));
        byte[] pem = pem(blocks);
        check(pem, passphrase);
        if (passphrase != null) {
            checkWithoutPassphrase(pem);
        }
    }

    private static byte[] edit(byte[] der, int kind, int offset, byte value) {
        int at = offset % (der.length + 1);
        return switch (kind) {
            case 0 -> {
                if (at == der.length) {
                    yield der;
                }
                byte[] out = der.clone();
                out[at] = value;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[der.length + 1];
                System.arraycopy(der, 0, out, 0, at);
                out[at] = value;
                System.arraycopy(der, at, out, at + 1, der.length - at);
                yield out;
            }
            case 2 -> {
                if (at == der.length) {
                    yield der;
                }
                byte[] out = new byte[der.length - 1];
                System.arraycopy(der, 0, out, 0, at);
                System.arraycopy(der, at + 1, out, at, der.length - at - 1);
                yield out;
            }
            default -> Arrays.copyOf(der, at);
        };
    }

    private static byte[] pem(List<PemReader.Block> blocks) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter w = new PemWriter(text)) {
            for (PemReader.Block b : blocks) {
                List<PemHeader> headers = new ArrayList<>();
                // Proc-Type must come first, as OpenSSL writes it
                Optional.ofNullable(b.headers().get("Proc-Type")).ifPresent(v -> headers.add(new PemHeader("Proc-Type", v)));
                for (Map.Entry<String, String> h : b.headers().entrySet()) {
                    if (!h.getKey().equals("Proc-Type")) {
                        headers.add(new PemHeader(h.getKey(), h.getValue()));
                    }
                }
                w.writeObject(new PemObject(b.type(), headers, b.content()));
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every loader on {@code pem}; each may fail only with its own documented exception. */
    static void check(byte[] pem, byte[] passphrase) throws IOException {
        Files.write(FILE, pem);
        try {
            KeyMaterial km = KeyMaterial.load(FILE, null, passphrase);
            assertThat(km.chain()).isNotEmpty();
            assertThat(KeyMaterial.of(km.chain(), km.privateKey()).certificate()).isEqualTo(km.certificate());
        } catch (TlsSetupException e) {
            assertThat(e).isInstanceOfAny(TlsSetupException.Certificate.class, TlsSetupException.Key.class,
                    TlsSetupException.KeyMismatch.class);
            assertThat(e.getMessage()).startsWith(e.serverMessage());
        }
        try {
            DhParameters dh = DhParameters.parse(pem);
            assertThat(dh.bits()).isBetween(DhParameters.MIN_BITS, DhParameters.MAX_BITS);
        } catch (TlsSetupException.DhParameters e) {
            assertThat(e.serverMessage()).isEqualTo("unable to set DH parameters");
        }
        try {
            assertThat(TrustMaterial.anchors(Optional.of(FILE), Optional.empty())).isNotEmpty();
        } catch (TlsSetupException.CaList e) {
            assertThat(e.serverMessage()).isEqualTo("unable to load CA list");
        }
        try {
            assertThat(TrustMaterial.clientCas(FILE)).isNotEmpty();
        } catch (TlsSetupException.ClientCaList e) {
            assertThat(e.serverMessage()).isEqualTo("unable to load client CA list");
        }
    }

    /** Without a passphrase nothing is derived: an encrypted key is refused as missing its passphrase. */
    static void checkWithoutPassphrase(byte[] pem) throws IOException {
        Files.write(FILE, pem);
        try {
            KeyMaterial.loadChain(FILE, null, null);
        } catch (TlsSetupException e) {
            assertThat(e).isInstanceOfAny(TlsSetupException.CertificateChain.class, TlsSetupException.Key.class,
                    TlsSetupException.KeyMismatch.class);
            assertThat(e).isNotInstanceOf(TlsSetupException.WrongPassphrase.class);
        }
        List<PemReader.Block> blocks;
        try {
            blocks = PemReader.blocks(pem);
        } catch (IOException e) {
            return;
        }
        try {
            PemReader.certificates(blocks);
        } catch (CertificateException e) {
            // refused: fine
        }
        try {
            PemReader.privateKey(blocks, null);
        } catch (PemReader.PassphraseException e) {
            assertThat(e.missing()).isTrue();
        } catch (GeneralSecurityException e) {
            // malformed: fine
        }
    }
}
