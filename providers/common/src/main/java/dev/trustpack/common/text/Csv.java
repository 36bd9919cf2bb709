package dev.trustpack.common.text;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 rows with every cell quoted, for every Trustpack CSV export (audit export, MFA report). A cell that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) gets a leading apostrophe (OWASP CSV injection advice); control characters are written as
 * {@code \}{@code uXXXX} text so every record stays on one line.
 */
public final class Csv {

    private Csv() {
    }

    public static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        StringBuilder cell = new StringBuilder(value.length() + 4).append('"');
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            cell.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                cell.append("\"\"");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                cell.append(String.format("\\u%04X", (int) c));
            } else {
                cell.append(c);
            }
        }
        return cell.append('"').toString();
    }
}
