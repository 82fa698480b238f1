// Reads a CSV table the way Gephi's spreadsheet importer does, with Apache
// commons-csv configured as Gephi's SpreadsheetUtils.configureCSVParser
// configures it (escape character '\', surrounding spaces ignored, values
// trimmed, empty values null, the first record the header), and as its
// importers use it (a row with another number of fields than the header is
// skipped; a parse error ends the sheet). Prints what Gephi would get, as
// JSON: {"header": [...], "rows": [[...], ...], "skipped": N, "error": ...}.
//
//   java -cp /usr/share/java/commons-csv.jar tests/gephi/GephiCsv.java FILE.csv
import java.io.FileReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

public class GephiCsv {
    static String json(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        CSVFormat format = CSVFormat.DEFAULT
                .withDelimiter(',')
                .withEscape('\\')
                .withIgnoreEmptyLines(true)
                .withNullString("")
                .withIgnoreSurroundingSpaces(true)
                .withTrim(true)
                .withFirstRecordAsHeader()
                .withAllowMissingColumnNames(false)
                .withIgnoreHeaderCase(false);
        StringBuilder out = new StringBuilder("{\"rows\":[");
        int skipped = 0;
        String error = null;
        List<String> header;
        try (Reader in = new FileReader(args[0], StandardCharsets.UTF_8);
             CSVParser parser = new CSVParser(in, format)) {
            header = parser.getHeaderNames();
            Iterator<CSVRecord> records = parser.iterator();
            boolean first = true;
            while (true) {
                CSVRecord r;
                try {
                    if (!records.hasNext()) break;
                    r = records.next();
                } catch (RuntimeException e) {
                    error = String.valueOf(e.getMessage());
                    break;
                }
                if (r.size() != header.size()) {
                    skipped++;
                    continue;
                }
                out.append(first ? "" : ",").append('[');
                for (int i = 0; i < r.size(); i++) {
                    out.append(i == 0 ? "" : ",").append(json(r.get(i)));
                }
                out.append(']');
                first = false;
            }
        }
        out.append("],\"header\":[");
        for (int i = 0; i < header.size(); i++) {
            out.append(i == 0 ? "" : ",").append(json(header.get(i)));
        }
        out.append("],\"skipped\":").append(skipped).append(",\"error\":").append(json(error)).append('}');
        System.out.println(out);
    }
}
