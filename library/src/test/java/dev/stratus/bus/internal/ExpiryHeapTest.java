package dev.stratus.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpiryHeapTest {
    private static final Comparator<QueuedMessage> ORDER = Comparator
            .<QueuedMessage>comparingLong(m -> m.visibleAtNanos).thenComparingLong(m -> m.sequence);

    private static QueuedMessage message(final long sequence, final long visibleAtNanos) {
        return new QueuedMessage(MessageId.of("m" + sequence), "body", Map.of(), null, null, sequence, 0, 0,
                visibleAtNanos);
    }

    @Test
    void shouldPollInVisibilityThenSequenceOrderLikeAPriorityQueueUnderRandomAddsAndRemoves() {
        SplittableRandom random = new SplittableRandom(7);
        ExpiryHeap heap = new ExpiryHeap();
        PriorityQueue<QueuedMessage> expected = new PriorityQueue<>(ORDER);
        List<QueuedMessage> live = new ArrayList<>();
        long sequence = 0;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            if (action < 5) {
                QueuedMessage message = message(++sequence, random.nextInt(50));
                heap.add(message);
                expected.add(message);
                live.add(message);
            } else if (action < 8 && !live.isEmpty()) {
                QueuedMessage message = live.remove(random.nextInt(live.size()));
                assertTrue(heap.remove(message));
                assertTrue(expected.remove(message));
                assertFalse(heap.remove(message));
            } else {
                QueuedMessage polled = heap.poll();
                assertSame(expected.poll(), polled);
                live.remove(polled);
            }
            assertSame(expected.peek(), heap.peek());
            assertEquals(expected.isEmpty(), heap.isEmpty());
        }
    }

    @Test
    void shouldForgetEveryMessageOnClear() {
        ExpiryHeap heap = new ExpiryHeap();
        QueuedMessage first = message(1, 5);
        heap.add(first);
        heap.add(message(2, 3));
        heap.clear();
        assertTrue(heap.isEmpty());
        assertNull(heap.poll());
        assertFalse(heap.remove(first));
        assertEquals(-1, first.heapIndex);
    }
}
