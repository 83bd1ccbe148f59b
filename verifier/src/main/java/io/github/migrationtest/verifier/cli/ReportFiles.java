package io.github.migrationtest.verifier.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The files a command writes its result to besides the console, each rendered only when asked for. */
final class ReportFiles {

    @Option(names = "--json", paramLabel = "<file>", description = "Write the result as JSON.")
    Path json;

    @Option(names = "--junit-xml", paramLabel = "<file>", description = "Write the result as JUnit XML.")
    Path junitXml;

    @Option(names = "--markdown", paramLabel = "<file>",
            description = "Write a Markdown summary (CI job summary, PR comment).")
    Path markdown;

    void write(Supplier<String> asJson, Supplier<String> asJunitXml, Supplier<String> asMarkdown) throws IOException {
        write(json, asJson);
        write(junitXml, asJunitXml);
        write(markdown, asMarkdown);
    }

    static void write(Path file, Supplier<String> content) throws IOException {
        if (file != null) {
            Main.writeFile(file, content.get());
        }
    }
}
