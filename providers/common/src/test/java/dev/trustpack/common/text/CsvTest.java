package dev.trustpack.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void cellsAreQuotedAndQuotesDoubled() {
        assertThat(Csv.cell("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
        assertThat(Csv.cell(null)).isEqualTo("\"\"");
    }

    @Test
    void formulasAreDefused() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=");
        assertThat(Csv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void controlCharactersNeverBreakARecord() throws Exception {
        StringWriter out = new StringWriter();
        Csv.row(out, Arrays.asList("a\r\nb", "c\u0000"));

        assertThat(out.toString()).isEqualTo("\"a\\u000D\\u000Ab\",\"c\\u0000\"\r\n");
    }
}
