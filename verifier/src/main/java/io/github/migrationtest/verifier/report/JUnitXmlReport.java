package io.github.migrationtest.verifier.report;

import java.io.StringWriter;
import java.util.Locale;
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
            xml.writeAttribute("tests", String.valueOf(report.results().count()));
            xml.writeAttribute("failures", String.valueOf(report.results().filter(CheckResult::isFailed).count()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(report.results().filter(r -> !r.isFailed() && r.outcome() != Outcome.PASSED).count()));
            xml.writeAttribute("time", seconds(report.total().toMillis()));
            for (CheckResult result : report.historyChecks()) {
                testCase(xml, "history", result.check().name(), 0, FailureText.render(result), result);
            }
            for (RevisionReport revision : report.revisions()) {
                for (CheckResult result : revision.checks().values()) {
                    testCase(xml, "revision " + revision.label(), result.check().name(),
                            revision.timings().total().toMillis(), FailureText.render(revision, result), result);
                }
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML to a string cannot fail", e);
        }
        return out + "\n";
    }

    private static void testCase(XMLStreamWriter xml, String className, String name, long millis, String failureText,
                                 CheckResult result) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", seconds(millis));
        switch (result.outcome()) {
            case FAILED -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", result.reason());
                xml.writeCharacters(failureText);
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
