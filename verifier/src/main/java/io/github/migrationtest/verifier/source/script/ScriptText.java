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
    public sealed interface Read permits Text, NotUtf8, Unreadable {}

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
            return new Text(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return new NotUtf8(firstBadByte(bytes));
        }
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
