package io.opsstack.constructs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * EC2 user data from a cloud-init document: gzip (cloud-init detects it) then base64, because the document is
 * larger than the 16 KB EC2 allows uncompressed. Java's gzip header carries no timestamp, so the same document
 * always gives the same bytes (no spurious launch template versions).
 */
public final class UserData {

    public static final int EC2_LIMIT_BYTES = 16 * 1024;

    private UserData() {
    }

    public static String gzipBase64(String cloudInit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(cloudInit.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] compressed = bytes.toByteArray();
        if (compressed.length > EC2_LIMIT_BYTES) {
            throw new IllegalArgumentException("user data is " + compressed.length + " bytes gzipped; EC2 allows "
                    + EC2_LIMIT_BYTES);
        }
        return Base64.getEncoder().encodeToString(compressed);
    }
}
