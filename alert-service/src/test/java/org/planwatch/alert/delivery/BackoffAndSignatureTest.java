package org.planwatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exponential backoff and the signature, against hand-worked values. */
class BackoffAndSignatureTest {

    @Test
    void backoffDoublesFromTenSecondsToTenMinutesAndStaysThere() {
        Duration initial = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(10);
        assertThat(DeliveryStore.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliveryStore.backoff(2, initial, max)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DeliveryStore.backoff(4, initial, max)).isEqualTo(Duration.ofSeconds(80));
        assertThat(DeliveryStore.backoff(7, initial, max)).isEqualTo(Duration.ofMinutes(10));
        assertThat(DeliveryStore.backoff(200, initial, max)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=" + OPENSSL_HMAC);
    }

    private static final String OPENSSL_HMAC = "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
}
