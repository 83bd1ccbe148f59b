package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a script as strict UTF-8, so a file in another encoding is reported instead of mangled. */
public final class ScriptText {

    /** The result of reading: the text, or why it could not be read. */
    public sealed interface Read permits Text, Valid, NotUtf8, Unreadable, HasNul {}

    /** The file's text, without a byte-order mark. */
    public record Text(String text) implements Read {
        /** Whether the file holds nothing but white space. */
        public boolean isBlank() {
            return text.isBlank();
        }
    }

    /** The file is UTF-8 without a NUL byte, as {@link #check} found without keeping its text. */
    public record Valid() implements Read {}

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

    /**
     * What {@link #read} would say of a file, found by streaming it: the text is not kept, so a big
     * migration costs a buffer, not its size. Run it with {@link ScriptSource#of(Path)}.
     */
    public static Read check(Path file) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(CHECK_BUFFER);
        CharBuffer out = CharBuffer.allocate(CHECK_BUFFER);
        NulFinder nul = new NulFinder();
        long consumed = 0;
        try (ReadableByteChannel channel = Files.newByteChannel(file)) {
            boolean eof = false;
            while (true) {
                eof = eof || channel.read(in) < 0;
                in.flip();
                CoderResult result = decoder.decode(in, out, eof);
                if (result.isError()) {
                    return new NotUtf8(consumed + in.position());
                }
                nul.scan(out.flip());
                out.clear();
                consumed += in.position();
                in.compact();
                if (eof && in.position() == 0) {
                    decoder.flush(out);
                    nul.scan(out.flip());
                    break;
                }
            }
        } catch (IOException e) {
            return new Unreadable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return nul.found != null ? nul.found : new Valid();
    }

    private static final int CHECK_BUFFER = 1 << 16;

    /** Follows the text after its byte-order mark: where its first NUL is. */
    private static final class NulFinder {
        private boolean started;
        private long count;
        private int line = 1;
        private long lineStart;
        private HasNul found;

        void scan(CharBuffer text) {
            char[] chars = text.array();
            for (int i = text.position(); i < text.limit(); i++) {
                char c = chars[i];
                boolean mark = !started && c == '\uFEFF';
                started = true;
                if (mark) {
                    continue;
                }
                if (c == '\0' && found == null) {
                    found = new HasNul(line, (int) (count - lineStart + 1));
                } else if (c == '\n') {
                    line++;
                    lineStart = count + 1;
                }
                count++;
            }
        }
    }

    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Read decode(byte[] bytes) {
        CharsetDecoder decoder = strictDecoder();
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
