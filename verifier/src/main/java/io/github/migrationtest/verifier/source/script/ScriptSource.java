package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a script's text comes from: a file, read again each time the script runs so that a big
 * migration is never held in memory whole (a small one is kept while memory allows), or a text built in
 * memory (a placeholder-replaced script, SQL the verifier writes itself).
 */
public abstract sealed class ScriptSource {

    private ScriptSource() {}

    /** The file's text, read as strict UTF-8 without its byte-order mark, as {@link ScriptText} checked it. */
    public static ScriptSource of(Path file) {
        return new FileSource(file);
    }

    public static ScriptSource of(String text) {
        return new TextSource(text);
    }

    /**
     * A new reader from the start of the text; the caller closes it.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public abstract Reader open();

    /** The whole text: costs its size, so only for what is small or must be whole (placeholders). */
    public String text() {
        try (Reader reader = open()) {
            return readAll(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is left to read from {@code reader}. */
    static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int read = reader.read(chunk); read >= 0; read = reader.read(chunk)) {
            text.append(chunk, 0, read);
        }
        return text.toString();
    }

    private static final class FileSource extends ScriptSource {
        /**
         * Files up to this size are kept once read: a script is read about seven times in a verification (its
         * checks, each run), and opening a file, with its decoder's and reader's buffers, cost more than its
         * statements' splitting. Kept softly, so the collector takes them back before memory runs out.
         */
        private static final long KEEP_UP_TO = 64 * 1024;

        private final Path file;
        private volatile SoftReference<String> kept;

        FileSource(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        @Override
        public Reader open() {
            SoftReference<String> reference = kept;
            String text = reference == null ? null : reference.get();
            if (text != null) {
                return new StringReader(text);
            }
            Reader reader = openFile();
            try {
                if (Files.size(file) > KEEP_UP_TO) {
                    return reader;
                }
                try (Reader whole = reader) {
                    text = readAll(whole);
                }
                kept = new SoftReference<>(text);
                return new StringReader(text);
            } catch (IOException e) {
                closeQuietly(reader, e);
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            }
        }

        private Reader openFile() {
            PushbackReader reader = null;
            try {
                reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), ScriptText.strictDecoder()), 1);
                int first = reader.read();
                if (first >= 0 && first != '\uFEFF') {
                    reader.unread(first);
                }
                return reader;
            } catch (IOException e) {
                closeQuietly(reader, e);
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(Reader reader, IOException failure) {
            if (reader == null) {
                return;
            }
            try {
                reader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    private static final class TextSource extends ScriptSource {
        private final String text;

        TextSource(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        @Override
        public Reader open() {
            return new StringReader(text);
        }

        @Override
        public String text() {
            return text;
        }
    }
}
