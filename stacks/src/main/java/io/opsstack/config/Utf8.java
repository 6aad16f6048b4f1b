package io.opsstack.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.error.Mark;

/** Strict UTF-8 decoding of environment files: the first byte that is not UTF-8 is reported at its line and column. */
final class Utf8 {

    private Utf8() {
    }

    static Optional<String> decode(byte[] bytes, String file, List<ConfigProblem> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            String before = out.flip().toString();
            Mark mark = markAt(before, before.length());
            problems.add(new ConfigProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "", String.format(
                    "byte 0x%02X is not UTF-8 (the file looks saved as Latin-1 or Windows-1252); save it as UTF-8",
                    bytes[at] & 0xFF)));
            return Optional.empty();
        }
        return Optional.of(out.flip().toString());
    }

    /** The line and column (0-based, as snakeyaml's marks) of {@code index} in {@code text}. */
    static Mark markAt(String text, int index) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, Math.min(index, text.length()));
        return new Mark("", index, line, column, new int[0], 0);
    }
}
