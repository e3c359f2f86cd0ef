package org.ucspi4j.cdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CdbTextTest {
    private static List<CdbRecord> parse(String text) throws IOException {
        List<CdbRecord> out = new ArrayList<>();
        CdbText.read(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), (k, d) -> out.add(new CdbRecord(k, d)));
        return out;
    }

    private static CdbRecord rec(String k, String d) {
        return new CdbRecord(k.getBytes(ISO_8859_1), d.getBytes(ISO_8859_1));
    }

    @Test
    void parsesRecordsWithAwkwardBytes() throws IOException {
        assertThat(parse("+1,1:a->b\n+0,0:->\n+3,4:\n->->\n\0\u00ffz\n\n"))
                .containsExactly(rec("a", "b"), rec("", ""), rec("\n->", "\n\0\u00ffz"));
    }

    @Test
    void emptyLengthsMeanZeroAndInputAfterTheEndIsIgnored() throws IOException {
        assertThat(parse("+,1:->b\n+01,:a->\n\ngarbage")).containsExactly(rec("", "b"), rec("a", ""));
        assertThat(parse("\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x|NO_PLUS|1|1|0",
        "''|UNEXPECTED_END|1|1|0",
        "+|UNEXPECTED_END|1|1|1",
        "+a,1:a->b\\n\\n|BAD_KEY_LENGTH|1|1|1",
        "+1,1x:a->b\\n\\n|BAD_DATA_LENGTH|1|1|4",
        "+1,1:a-xb\\n\\n|NO_ARROW|1|1|7",
        "+1,1:a->bx\\n|NO_NEWLINE|1|1|9",
        "+1,1:a->b|UNEXPECTED_END|1|1|9",
        "+1,1:a->b\\n+1,1:a->b\\nx|NO_PLUS|3|3|20",
        "+4294967296,0:a->\\n\\n|TOO_LARGE|1|1|10",
        "+4294967295,1:a->b\\n\\n|TOO_LARGE|1|1|10",
        // freecdb's limit: 4294967210 is refused at its last digit, 4294967209 is read (and ends early)
        "+1,4294967210:a->b\\n\\n|TOO_LARGE|1|1|12",
        "+4294967209,1:a->b\\n\\n|UNEXPECTED_END|1|3|20",
        "+0004294967210|TOO_LARGE|1|1|13",
        "+99999999999999999999999,0:|TOO_LARGE|1|1|10",
        "+2147483647,2147483647:\\n->\\n|UNEXPECTED_END|1|3|27",
        "+1,2147483647:\\n-x|NO_ARROW|1|2|16",
        "+1,1:\\n-|UNEXPECTED_END|1|2|7",
        "+1,1:\\n->b|UNEXPECTED_END|1|2|9",
        "+1,1:a->b\\n+1,|UNEXPECTED_END|2|2|13",
    })
    void reportsTheDefectEntryLineAndOffset(String text, CdbTextFormatException.Defect defect, long entry,
            long line, long offset) {
        String input = text.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(input)).isInstanceOfSatisfying(CdbTextFormatException.class, e -> {
            assertThat(e.defect()).isEqualTo(defect);
            assertThat(e.entry()).isEqualTo(entry);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CdbText.write(out, "key".getBytes(ISO_8859_1), "a\nb".getBytes(ISO_8859_1));
        CdbText.write(out, new byte[0], new byte[0]);
        CdbText.end(out);
        assertThat(out.toString(ISO_8859_1)).isEqualTo("+3,3:key->a\nb\n+0,0:->\n\n");
        assertThat(parse(out.toString(ISO_8859_1))).containsExactly(rec("key", "a\nb"), rec("", ""));
    }

    /** A stream that hands out one to three bytes per read, so every refill and buffer edge is crossed. */
    private static final class Trickle extends java.io.FilterInputStream {
        private final java.util.Random random = new java.util.Random(7);

        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(3)));
        }
    }

    @Test
    void recordsLargerThanTheBufferAndTinyReadsParseTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CdbRecord> written = new ArrayList<>();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[random.nextInt(40)];
            byte[] data = new byte[i % 100 == 0 ? 150_000 + random.nextInt(100_000) : random.nextInt(2000)];
            random.nextBytes(key);
            random.nextBytes(data);
            written.add(new CdbRecord(key, data));
            CdbText.write(out, key, data);
        }
        CdbText.end(out);
        for (boolean trickle : new boolean[] {false, true}) {
            List<CdbRecord> read = new ArrayList<>();
            byte[] bytes = out.toByteArray();
            java.io.InputStream in = trickle ? new Trickle(bytes) : new ByteArrayInputStream(bytes);
            assertThat(CdbText.read(in, (k, d) -> read.add(new CdbRecord(k, d)))).isEqualTo(300);
            assertThat(read).isEqualTo(written);
        }
    }

    @Test
    void headIsWrittenLikeTheRecordLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CdbText.writeHead(out, 0, 4294967295L);
        assertThat(out.toString(ISO_8859_1)).isEqualTo("+0,4294967295:");
    }
}
