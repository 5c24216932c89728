package org.planwatch.ingest.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds the encoding of a CSV file as Excel writes it in China: a declared {@code charset=} wins;
 * otherwise a UTF-8 byte-order mark, else a strict UTF-8 decode of the first {@value #SNIFF_BYTES}
 * bytes, else GB18030 (a superset of GBK and GB2312). Decoding is strict, so bytes that are not
 * valid in the chosen encoding fail the upload instead of turning into mojibake.
 */
public final class CharsetDetection {

    static final int SNIFF_BYTES = 64 * 1024;
    public static final Charset GB18030 = Charset.forName("GB18030");

    /** The decoded text, the encoding used and how it was chosen (for messages). */
    public record DecodedText(Reader reader, Charset charset, String how) {
    }

    /** The first bytes are not text (NUL bytes, or a ZIP / OLE container). */
    public static final class NotTextException extends RuntimeException {
        NotTextException(String message) {
            super(message);
        }
    }

    private CharsetDetection() {
    }

    /** The bytes at the start of the stream, without consuming them. */
    public static byte[] peek(BufferedInputStream in, int count) throws IOException {
        in.mark(count);
        byte[] head = in.readNBytes(count);
        in.reset();
        return head;
    }

    public static DecodedText open(BufferedInputStream in, Charset declared) throws IOException {
        byte[] head = peek(in, SNIFF_BYTES);
        rejectBinary(head);
        boolean utf8Bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (declared != null) {
            if (utf8Bom && declared.equals(StandardCharsets.UTF_8)) {
                in.skipNBytes(3);
            }
            return new DecodedText(strictReader(in, declared), declared, "declared by charset=" + declared.name());
        }
        if (utf8Bom) {
            in.skipNBytes(3);
            return new DecodedText(strictReader(in, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "detected from its byte-order mark");
        }
        if (isUtf8(head, head.length < SNIFF_BYTES)) {
            return new DecodedText(strictReader(in, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "detected");
        }
        return new DecodedText(strictReader(in, GB18030), GB18030, "detected (not UTF-8)");
    }

    private static void rejectBinary(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new NotTextException("the body is a ZIP archive (an .xlsx?), not CSV text; send an .xlsx with Content-Type "
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            throw new NotTextException("the body is an old binary Excel file (.xls); save it as .xlsx or CSV");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new NotTextException("the body holds NUL bytes, so it is binary data, not CSV text "
                        + "(UTF-16 is not accepted either: save as CSV UTF-8 or GBK)");
            }
        }
    }

    /** Whether the bytes are valid UTF-8; an incomplete sequence at the very end of a cut sample is allowed. */
    static boolean isUtf8(byte[] bytes, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(input, output, complete);
        if (result.isError()) {
            return false;
        }
        if (complete) {
            return !decoder.flush(output).isError() && !input.hasRemaining();
        }
        return input.remaining() < 4;
    }

    private static Reader strictReader(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }
}
