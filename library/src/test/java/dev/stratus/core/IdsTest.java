package dev.stratus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void shouldDrawRepeatableUuidShapedIds() {
        Ids a = new Ids(RandomSource.seeded(5));
        Ids b = new Ids(RandomSource.seeded(5));
        String name = a.executionName();
        assertEquals(name, b.executionName());
        assertTrue(name.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), name);
        assertEquals(a.messageId(), b.messageId());
        assertEquals(a.requestId(), b.requestId());
    }

    @Test
    void shouldAcceptValidNames() {
        assertEquals("order-42_retry.1", Ids.checkName("name", "order-42_retry.1", 80));
    }

    @Test
    void shouldRejectBadNamesNamingFieldAndValue() {
        assertEquals("name must be 1 to 80 characters: name= (length 0)", assertThrows(
                IllegalArgumentException.class, () -> Ids.checkName("name", "", 80)).getMessage());
        assertEquals("name contains an invalid character ' ': name=a b", assertThrows(
                IllegalArgumentException.class, () -> Ids.checkName("name", "a b", 80)).getMessage());
        assertEquals("name contains an invalid character ':': name=a:b", assertThrows(
                IllegalArgumentException.class, () -> Ids.checkName("name", "a:b", 80)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class,
                () -> Ids.checkName("name", null, 80)).getMessage());
        assertEquals("random", assertThrows(NullPointerException.class, () -> new Ids(null)).getMessage());
    }
}
