package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a script as strict UTF-8, so a file in another encoding is reported instead of mangled. */
public final class ScriptText {

    /** The result of reading: the text, or why it could not be read. */
    public sealed interface Read permits Text, NotUtf8, Unreadable, HasNul {}

    /** The file's text, without a byte-order mark. */
    public record Text(String text) implements Read {
        /** Whether the file holds nothing but white space. */
        public boolean isBlank() {
            return text.isBlank();
        }
    }

    /** The file is not UTF-8; {@code offset} is the first bad byte. */
    public record NotUtf8(long offset) implements Read {}

    /** The file could not be read at all. */
    public record Unreadable(String reason) implements Read {}

    /**
     * The file has a NUL byte (1-based line and column of the first): Postgres cannot take one in a
     * statement, and the driver's protocol breaks on it ("insufficient data left in message").
     */
    public record HasNul(int line, int column) implements Read {
        /** What a message says of it. */
        public String describe() {
            return "has a NUL byte at " + line + ":" + column;
        }
    }

    private ScriptText() {}

    public static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Unreadable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return decode(bytes);
    }

    private static Read decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            int nul = text.indexOf('\0');
            return nul < 0 ? new Text(text) : nulAt(text, nul);
        } catch (CharacterCodingException e) {
            return new NotUtf8(firstBadByte(bytes));
        }
    }

    private static HasNul nulAt(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new HasNul(line, offset - lineStart + 1);
    }

    private static long firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
