package io.github.migrationtest.verifier.protect;

import io.github.migrationtest.verifier.source.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where in a revision's files a statement the guard saw was written: the statement as the
 * client sent it ({@code current_query()}) is looked up in the files' text. The script runner and
 * Flyway send each statement as written in its file, so it is found; SQL a tool generates (Liquibase's
 * change types, Alembic's operations) or rewrites (placeholders) is not, and the caller then names the
 * file alone. An upgrade's statement is looked up from the first file on, a downgrade's from the last
 * file back (and from the end of a file holding both directions, whose downgrade comes last).
 */
final class StatementPlaces {

    /** A statement's file and 1-based line. */
    record Place(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** What the script runner appends to a step's last statement: the bookkeeping, after this separator. */
    private static final String APPENDED = "\n;\n";

    private final List<String> files;
    private final Map<String, Optional<String>> texts = new HashMap<>();

    StatementPlaces(List<String> files) {
        this.files = List.copyOf(files);
    }

    Optional<Place> find(String query, Direction direction) {
        List<String> candidates = new ArrayList<>();
        candidates.add(query.strip());
        int appended = query.lastIndexOf(APPENDED);
        if (appended > 0) {
            candidates.add(query.substring(0, appended).strip());
        }
        List<String> order = new ArrayList<>(files);
        if (direction == Direction.DOWN) {
            Collections.reverse(order);
        }
        for (String candidate : candidates) {
            if (candidate.isEmpty()) {
                continue;
            }
            for (String file : order) {
                Optional<String> text = text(file);
                if (text.isEmpty()) {
                    continue;
                }
                int at = direction == Direction.DOWN ? text.get().lastIndexOf(candidate) : text.get().indexOf(candidate);
                if (at >= 0) {
                    return Optional.of(new Place(file, line(text.get(), firstCode(text.get(), at))));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The statement for messages: without the comment lines it starts with (Flyway sends them along)
     * and without what the script runner appended to it.
     */
    static String statement(String query) {
        int appended = query.lastIndexOf(APPENDED);
        String statement = appended > 0 ? query.substring(0, appended) : query;
        return statement.substring(firstCode(statement, 0)).strip();
    }

    /** The offset of the statement's first code, past the comment lines and blank lines it starts with. */
    private static int firstCode(String text, int at) {
        int offset = at;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (Character.isWhitespace(c)) {
                offset++;
            } else if (text.startsWith("--", offset)) {
                int end = text.indexOf('\n', offset);
                offset = end < 0 ? text.length() : end + 1;
            } else {
                break;
            }
        }
        return offset;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private Optional<String> text(String file) {
        return texts.computeIfAbsent(file, StatementPlaces::read);
    }

    /** A file as the revision names it: a path, or a {@code classpath:} resource; empty when it cannot be read. */
    private static Optional<String> read(String file) {
        try {
            if (file.startsWith("classpath:")) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = loader == null ? null
                        : loader.getResourceAsStream(file.substring("classpath:".length()).replaceAll("^/+", ""))) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path path = Path.of(file);
            return Files.isRegularFile(path) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // then the message names the file alone, saying the statement could not be placed
        }
    }
}
