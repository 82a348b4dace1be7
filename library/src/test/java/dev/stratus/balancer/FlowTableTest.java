package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.balancer.internal.FlowHasher;
import dev.stratus.balancer.internal.FlowTable;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowTableTest {

    @Test
    void shouldMatchAHashMapUnderRandomInsertsAndRemovals() {
        FlowTable table = new FlowTable(10_000);
        Map<Long, Long> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int step = 0; step < 200_000; step++) {
            // few distinct keys with low-entropy low bits make long probe chains and wrap-around back-shifts
            long key = FlowTable.key((random.nextInt(12_000) * 4096L) ^ (random.nextBoolean() ? 0 : 1));
            int slot = table.find(key);
            assertEquals(model.containsKey(key), slot >= 0);
            if (slot >= 0) {
                assertEquals((long) model.get(key), table.valueAt(slot));
                if (random.nextInt(3) == 0) {
                    table.removeAt(slot);
                    model.remove(key);
                }
            } else if (table.insert(key, step) >= 0) {
                model.put(key, (long) step);
            } else {
                assertEquals(10_000, model.size());
            }
            assertEquals(model.size(), table.size());
        }
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertEquals((long) e.getValue(), table.valueAt(table.find(e.getKey())));
        }
    }

    @Test
    void shouldRefuseInsertsWhenFullInsteadOfGrowing() {
        FlowTable table = new FlowTable(1000);
        FlowHasher hasher = new FlowHasher(1, 2, 3);
        FlowKey key = new FlowKey();
        int inserted = 0;
        for (int i = 0; i < 2000; i++) {
            if (table.insert(FlowTable.key(hasher.flowHash(key.tcp4(i, 1000, 1, 80))), i) >= 0) {
                inserted++;
            }
        }
        assertEquals(1000, inserted);
        assertTrue(table.isFull());
        assertEquals(FlowTable.MISSING, table.insert(FlowTable.key(12345), 1));
    }

    @Test
    void shouldUseAtMost32BytesPerTrackedFlowAtCapacity() {
        FlowTable table = new FlowTable(1 << 20);
        assertTrue(table.bytes() / (double) table.maxFlows() <= 32.0, table.bytes() + " bytes");
        FlowTable large = new FlowTable(786_432);
        assertEquals(16 * 1024 * 1024, large.bytes());
        assertTrue(large.bytes() / (double) large.maxFlows() <= 21.4);
    }
}
