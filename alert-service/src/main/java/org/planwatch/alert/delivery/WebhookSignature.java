package org.planwatch.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Planwatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the timestamp
 * (Unix seconds) sent as {@code X-Planwatch-Timestamp}, so a receiver can check both origin and freshness.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Planwatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-Planwatch-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Planwatch-Event-Id";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
