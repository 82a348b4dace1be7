package dev.stratus.bus.internal;

import java.util.Arrays;

/**
 * In-flight messages ordered by when they become visible again (then by send order), with removal in
 * {@code O(log n)}: each message remembers its slot, so a delete takes it out at once instead of leaving it in the
 * heap until its visibility timeout would have expired. Not thread-safe: guarded by the owning queue's lock.
 */
public final class ExpiryHeap {
    private QueuedMessage[] heap = new QueuedMessage[16];
    private int size;

    /** Whether the heap is empty. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The message that becomes visible first, or null. */
    public QueuedMessage peek() {
        return size == 0 ? null : heap[0];
    }

    /** Adds a message that is not in the heap. */
    public void add(final QueuedMessage message) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = message;
        message.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    /** Removes and returns the message that becomes visible first, or null. */
    public QueuedMessage poll() {
        if (size == 0) {
            return null;
        }
        QueuedMessage first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes the message if it is in the heap; returns whether it was. */
    public boolean remove(final QueuedMessage message) {
        int index = message.heapIndex;
        if (index < 0 || index >= size || heap[index] != message) {
            return false;
        }
        removeAt(index);
        return true;
    }

    /** Removes every message. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(final int index) {
        QueuedMessage removed = heap[index];
        removed.heapIndex = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        QueuedMessage last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.heapIndex = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
    }

    private void siftUp(final int start) {
        int index = start;
        QueuedMessage moving = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            QueuedMessage above = heap[parent];
            if (!before(moving, above)) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = moving;
        moving.heapIndex = index;
    }

    private void siftDown(final int start) {
        int index = start;
        QueuedMessage moving = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], moving)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = moving;
        moving.heapIndex = index;
    }

    private static boolean before(final QueuedMessage a, final QueuedMessage b) {
        return a.visibleAtNanos < b.visibleAtNanos
                || a.visibleAtNanos == b.visibleAtNanos && a.sequence < b.sequence;
    }
}
