package io.github.migrationtest.verifier.report;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The report as JUnit XML: one test case per revision and check, so CI systems show them natively. */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String render(VerificationReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "migrationtest");
            Map<Outcome, Long> counts = report.counts();
            xml.writeAttribute("tests", String.valueOf(counts.values().stream().mapToLong(Long::longValue).sum()));
            xml.writeAttribute("failures", String.valueOf(counts.get(Outcome.FAILED)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(counts.get(Outcome.SKIPPED) + counts.get(Outcome.NOT_REACHED)));
            xml.writeAttribute("time", seconds(report.total().toMillis()));
            safetyProperties(xml, report);
            for (CheckResult result : report.historyChecks()) {
                testCase(xml, "history", 0, result, () -> FailureText.render(result));
            }
            for (RevisionReport revision : report.revisions()) {
                for (CheckResult result : revision.checks().values()) {
                    testCase(xml, "revision " + revision.label(), revision.timings().total().toMillis(), result,
                            () -> FailureText.render(revision, result));
                }
            }
            String safety = SafetySection.text(report);
            if (!safety.isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("system-out");
                xml.writeCharacters("Safety findings (reported, not failed unless named in --fail-on):\n" + safety + "\n");
                xml.writeEndElement();
            }
            String lint = LintSection.text(report);
            if (!lint.isEmpty() || !report.lint().skipped().isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(lint.isEmpty() ? report.lint().skipped() + "\n"
                        : "Schema lint at head (reported, not failed unless named in --fail-on):\n" + lint + "\n");
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML to a string cannot fail", e);
        }
        return out + "\n";
    }

    /**
     * The count of each safety finding, as {@code safety.<FINDING>} properties, and of each schema lint finding
     * at head, as {@code lint.<FINDING>}; none when there is none.
     */
    private static void safetyProperties(XMLStreamWriter xml, VerificationReport report) throws XMLStreamException {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        SafetySection.counts(report).forEach((finding, count) -> counts.put("safety." + finding.name(), count));
        LintSection.counts(report).forEach((finding, count) -> counts.put("lint." + finding.name(), count));
        if (counts.isEmpty()) {
            return;
        }
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        for (var count : counts.entrySet()) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", count.getKey());
            xml.writeAttribute("value", String.valueOf(count.getValue()));
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** @param failureText the failure as people read it, rendered only for a failure */
    private static void testCase(XMLStreamWriter xml, String className, long millis, CheckResult result,
                                 Supplier<String> failureText) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", result.check().name());
        xml.writeAttribute("time", seconds(millis));
        switch (result.outcome()) {
            case FAILED -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", result.reason());
                xml.writeCharacters(failureText.get());
                xml.writeEndElement();
            }
            case SKIPPED, NOT_REACHED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + ": " + result.reason());
            }
            case PASSED -> { }
        }
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
