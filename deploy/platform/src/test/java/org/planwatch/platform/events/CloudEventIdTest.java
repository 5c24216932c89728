package org.planwatch.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventIdTest {

    @Test
    void anEventIdIsAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_764_633_600_123L;
        UUID id = CloudEvent.timeOrderedId(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        String earlier = CloudEvent.timeOrderedId(1_764_633_600_123L).toString();
        String later = CloudEvent.timeOrderedId(1_764_633_600_124L).toString();
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CloudEvent.timeOrderedId(1_764_633_600_123L));
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void aNewEventGetsSuchAnId() {
        long before = System.currentTimeMillis();
        CloudEvent event = CloudEvent.of("/test", "org.planwatch.test", "s", OffsetDateTime.now(), JsonNodeFactory.instance.objectNode());
        UUID id = UUID.fromString(event.id());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
    }
}
