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
        "+4294967295,1:a->b\\n\\n|TOO_LARGE|1|1|13",
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
}
