package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.report.Json;
import io.github.migrationtest.verifier.report.JsonReport;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A live database's status as JSON, JUnit XML and Markdown, in the shapes {@code verify}'s reports
 * have: differences with path, kind, expected and actual, and the SQL that would close them.
 */
public final class StatusReports {

    /** The claims the JUnit XML report makes, one test case each. */
    enum Claim {
        LIVE_RECORDS_ITS_REVISION("the live database has its tool's table of applied versions"),
        LIVE_IS_AT_HEAD("the live database is at the history's head, with nothing unknown or failed"),
        LIVE_MATCHES_ITS_REVISION("the live schema is its revision's"),
        LIVE_MATCHES_MODEL("the live schema is the model's");

        private final String claim;

        Claim(String claim) {
            this.claim = claim;
        }
    }

    private StatusReports() {
    }

    /**
     * {@code {"live", "history", "postgres", "inSync", "verdict", "bookkeeping", "revision", "atHead",
     * "pending": [...], "skipped", "unknown", "failed", "notes", "drift": {"expected", "differs",
     * "differences": [...], "fix": {"upgrade", "downgrade", "manual", "generationError"}}, "model", "tookMs"}};
     * {@code bookkeeping} and {@code model} are {@code null} when absent.
     */
    public static String json(LiveStatus status) {
        Map<String, String> root = new LinkedHashMap<>();
        root.put("live", Json.string(status.live()));
        root.put("history", Json.string(status.history()));
        root.put("postgres", Json.string(status.postgres()));
        root.put("inSync", String.valueOf(status.inSync()));
        root.put("verdict", Json.string(status.verdict()));
        root.put("bookkeeping", Json.string(status.bookkeeping().orElse(null)));
        root.put("revision", Json.string(status.revision()));
        root.put("atHead", String.valueOf(status.atHead()));
        root.put("pending", strings(status.pending()));
        root.put("skipped", strings(status.skipped()));
        root.put("unknown", strings(status.unknown()));
        root.put("failed", strings(status.failed()));
        root.put("notes", strings(status.notes()));
        root.put("drift", comparison(status.drift()));
        root.put("model", status.model().map(StatusReports::comparison).orElse("null"));
        root.put("tookMs", String.valueOf(status.took().toMillis()));
        return Json.object(root) + "\n";
    }

    private static String comparison(Comparison comparison) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("expected", Json.string(comparison.expected()));
        fields.put("differs", String.valueOf(comparison.differs()));
        fields.put("differences", Json.array(comparison.differences().stream().map(JsonReport::difference).toList()));
        fields.put("fix", comparison.differs() ? JsonReport.migration(comparison.fix()) : "null");
        return Json.object(fields);
    }

    private static String strings(List<String> values) {
        return Json.array(values.stream().map(Json::string).toList());
    }

    /** One test case per claim, failed with the status text, so CI shows a drifted database as a failed test. */
    public static String junitXml(LiveStatus status) {
        Map<Claim, Boolean> claims = new LinkedHashMap<>();
        claims.put(Claim.LIVE_RECORDS_ITS_REVISION, status.bookkept());
        claims.put(Claim.LIVE_IS_AT_HEAD, status.bookkept() && !status.behind() && status.unknown().isEmpty()
                && status.failed().isEmpty());
        claims.put(Claim.LIVE_MATCHES_ITS_REVISION, !status.drift().differs());
        status.model().ifPresent(model -> claims.put(Claim.LIVE_MATCHES_MODEL, !model.differs()));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "migrationtest status");
            xml.writeAttribute("tests", String.valueOf(claims.size()));
            xml.writeAttribute("failures", String.valueOf(claims.values().stream().filter(held -> !held).count()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", status.took().toMillis() / 1000.0));
            String text = StatusText.render(status);
            for (Map.Entry<Claim, Boolean> claim : claims.entrySet()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "live " + status.live());
                xml.writeAttribute("name", claim.getKey().name());
                if (!claim.getValue()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", "it is not true that " + claim.getKey().claim + ": " + status.verdict());
                    xml.writeCharacters(text);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML to a string cannot fail", e);
        }
        return out + "\n";
    }

    /** For a CI job summary: the verdict, the status text, and the SQL in blocks of its own. */
    public static String markdown(LiveStatus status) {
        StringBuilder md = new StringBuilder("## migrationtest status: ")
                .append(status.inSync() ? "✅ " : "❌ ").append(status.verdict()).append("\n\n")
                .append("```\n").append(StatusText.render(status, false)).append("```\n");
        sql(md, status.drift());
        status.model().ifPresent(model -> sql(md, model));
        return md.toString();
    }

    private static void sql(StringBuilder md, Comparison comparison) {
        if (comparison.differs() && comparison.fix().generated() && !comparison.fix().upgrade().isBlank()) {
            md.append("\n**").append(StatusText.fixTitle(comparison)).append("**\n\n```sql\n")
                    .append(comparison.fix().upgrade().strip()).append("\n```\n");
        }
    }
}
