package dev.stratus.metrics.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The lock-free, allocation-free per-second accumulator behind a {@code Recorder}. Each writer thread owns a
 * {@link Cell} (claimed once, up to {@link #MAX_CELLS} per series) and updates it with plain and ordered stores
 * only: no atomic instruction, no lock, no field written by two threads. A cell has two slots, one per second
 * modulo 2; a slot holds SampleCount, Sum, Minimum, Maximum, zero and negative counts of the second it serves
 * (its tag) and {@link LogBuckets#DENSE_SIZE} bucket counters.
 *
 * <p>The engine's roll timer (and every query) flushes slots whose second has closed. It never writes what the
 * owner writes: the owner wraps each update in a per-slot sequence number (odd while writing) so the flusher reads
 * a consistent snapshot; bucket counters only grow and the flusher subtracts what it took before, the other
 * fields are reset by the owner when it re-arms the slot for a later second, which it does only once the flusher
 * took everything ({@code flushedCount == count}). A value whose second closed while it was being recorded is
 * flushed late into its own second, so counts and sums stay exact. A writer that finds its slot not yet flushed
 * (the timer fell two seconds behind), or that finds every cell owned by a live thread, takes the locked path into
 * the series. Cells of threads that died are flushed and handed to new writers.
 */
public final class ActiveSeries {
    /** CloudWatch accepts values of magnitude up to 2^360. */
    public static final double MAX_MAGNITUDE = 0x1.0p360;
    /** Writer threads with a cell of their own; further threads share the series' locked path. */
    public static final int MAX_CELLS = 64;
    private static final int SLOTS = 2;
    private static final int SNAPSHOT_ATTEMPTS = 64;
    private static final VarHandle SEQ;
    private static final VarHandle FLUSHED_COUNT;
    private static final VarHandle FLUSHED_TAG;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(Slot.class, "seq", long.class);
            FLUSHED_COUNT = lookup.findVarHandle(Slot.class, "flushedCount", long.class);
            FLUSHED_TAG = lookup.findVarHandle(Slot.class, "flushedTag", long.class);
            OWNER = lookup.findVarHandle(Cell.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Series series;
    private final SecondTicker ticker;
    /** Open addressing by thread id; entries are set once, under this object's monitor. */
    private final Cell[] cells = new Cell[MAX_CELLS];
    /** The first cell claimed, checked before the probe: a series mostly has one writer thread, or one busiest. */
    private Cell first;

    ActiveSeries(final Series series, final SecondTicker ticker) {
        this.series = series;
        this.ticker = ticker;
    }

    /** Records one value; false when it is NaN, infinite or beyond 2^360 in magnitude. */
    public boolean record(final double value) {
        // NaN, infinities and magnitudes beyond 2^360 have keys outside the dense range, as zero and negative values
        // do: one integer comparison tells the common case from those
        int index = LogBuckets.key(value) - LogBuckets.DENSE_MIN_KEY;
        if ((index < 0 || index >= LogBuckets.DENSE_SIZE) && !(Math.abs(value) <= MAX_MAGNITUDE)) {
            return false;
        }
        Thread thread = Thread.currentThread();
        Cell cell = first;
        if (cell == null || cell.owner != thread) {
            cell = cellOf(thread);
        }
        long second = ticker.second();
        if (cell == null || !((second & 1) == 0 ? cell.even : cell.odd).record(second, value, index)) {
            series.addValue(second, true, value, 1);
        }
        return true;
    }

    private Cell cellOf(final Thread thread) {
        int home = (int) thread.getId();
        for (int probe = 0; probe < MAX_CELLS; probe++) {
            Cell cell = cells[(home + probe) & (MAX_CELLS - 1)];
            if (cell != null && cell.owner == thread) {
                return cell;
            }
        }
        return claim(thread);
    }

    /** Gives {@code thread} a free cell (one a dead thread left, or a new one), or null when all are owned. */
    private synchronized Cell claim(final Thread thread) {
        int free = -1;
        for (int index = 0; index < MAX_CELLS; index++) {
            Cell cell = cells[index];
            if (cell == null) {
                continue;
            }
            if (cell.owner == thread) {
                return cell;
            }
            if (cell.owner == null) {
                OWNER.setRelease(cell, thread);
                return cell;
            }
        }
        int home = (int) thread.getId();
        for (int probe = 0; probe < MAX_CELLS && free < 0; probe++) {
            if (cells[(home + probe) & (MAX_CELLS - 1)] == null) {
                free = (home + probe) & (MAX_CELLS - 1);
            }
        }
        if (free < 0) {
            return null;
        }
        Cell cell = new Cell(thread);
        // a reader racing these stores sees either null (and comes here) or the cell with its final fields
        cells[free] = cell;
        if (first == null) {
            first = cell;
        }
        return cell;
    }

    /** Flushes every slot whose second has closed (before the ticker's current second). */
    public void flushClosed() {
        flushBefore(ticker.second());
    }

    /** Flushes every slot serving a second before {@code second} into the series; frees cells of dead threads. */
    public synchronized void flushBefore(final long second) {
        for (Cell cell : cells) {
            if (cell == null) {
                continue;
            }
            Thread owner = cell.owner;
            if (owner == null) {
                continue;
            }
            // a thread seen dead has made its last write visible (JLS 17.4.4), so its cell can be drained and reused
            boolean dead = !owner.isAlive();
            cell.even.flush(dead ? Long.MAX_VALUE : second, series);
            cell.odd.flush(dead ? Long.MAX_VALUE : second, series);
            if (dead) {
                OWNER.setRelease(cell, (Thread) null);
            }
        }
    }

    /** Bytes held by the cells. */
    public synchronized long memoryBytes() {
        long bytes = 32 + 16 + MAX_CELLS * 4L;
        for (Cell cell : cells) {
            if (cell != null) {
                bytes += 32 + SLOTS * (136 + 2 * (16 + LogBuckets.DENSE_SIZE * 4L));
            }
        }
        return bytes;
    }

    /** One writer thread's accumulator. */
    private static final class Cell {
        /** The slot of even seconds. */
        private final Slot even = new Slot();
        /** The slot of odd seconds. */
        private final Slot odd = new Slot();
        /** The writing thread; null once it died and its data was flushed. */
        private volatile Thread owner;

        Cell(final Thread owner) {
            this.owner = owner;
        }
    }

    /** One second of one cell: written by the owner, read and drained by the flusher under the series' monitor. */
    private static final class Slot {
        // written by the owner only
        /** Odd while the owner writes; every value adds 2, so SampleCount is {@code (seq - armSeq) / 2}. */
        private long seq;
        /** {@link #seq} when the slot was armed for {@link #tag}. */
        private long armSeq;
        private long tag = Long.MIN_VALUE;
        /**
         * Sum of the values, alternately added to {@code sum} and {@code sumOdd}: two dependency chains instead of
         * one through memory and the floating-point adder, which bounds a single thread's recording rate.
         */
        private double sum;
        private double sumOdd;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private long zeros;
        private long negatives;
        /** Cumulative per-bucket counts: never reset, the flusher subtracts {@link #taken}. */
        private final int[] buckets = new int[LogBuckets.DENSE_SIZE];
        // written by the flusher only
        private long flushedTag = Long.MIN_VALUE;
        private long flushedCount;
        private double flushedSum;
        private long flushedZeros;
        private long flushedNegatives;
        private final int[] taken = new int[LogBuckets.DENSE_SIZE];

        /**
         * Owner: adds {@code value}, whose dense bucket index is {@code index} (outside the range for zero, negative
         * values and values beyond it), at {@code second}; false when the slot still holds an unflushed second.
         */
        boolean record(final long second, final double value, final int index) {
            if (tag != second && !arm(second)) {
                return false;
            }
            long s = seq;
            SEQ.setOpaque(this, s + 1);
            VarHandle.storeStoreFence();
            // checked against the array's length, which spares the array's own bounds check
            int[] counts = buckets;
            if (index >= 0 && index < counts.length) {
                counts[index]++;
            } else {
                recordOutside(value, index);
            }
            if ((s & 2) == 0) {
                sum += value;
            } else {
                sumOdd += value;
            }
            if (value < min) {
                min = value;
            }
            if (value > max) {
                max = value;
            }
            SEQ.setRelease(this, s + 2);
            return true;
        }

        /** Owner: counts a value outside the dense range: zero, negative, or a magnitude clamped to an end bucket. */
        private void recordOutside(final double value, final int index) {
            if (value > 0) {
                buckets[index < 0 ? 0 : LogBuckets.DENSE_SIZE - 1]++;
            } else if (value == 0) {
                zeros++;
            } else {
                negatives++;
            }
        }

        /** Owner: the values recorded since the slot was armed. */
        private long count() {
            return (seq - armSeq) >> 1;
        }

        /** Owner: starts serving {@code second} once the flusher took everything of the previous one. */
        private boolean arm(final long second) {
            long count = count();
            if (second < tag || count != 0 && ((long) FLUSHED_TAG.getAcquire(this) != tag
                    || (long) FLUSHED_COUNT.getAcquire(this) != count)) {
                return false;
            }
            long s = seq;
            SEQ.setOpaque(this, s + 1);
            VarHandle.storeStoreFence();
            tag = second;
            armSeq = s + 2;
            sum = 0;
            sumOdd = 0;
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            zeros = 0;
            negatives = 0;
            SEQ.setRelease(this, s + 2);
            return true;
        }

        /**
         * Flusher: moves what this slot holds of a second before {@code before} into {@code series}, from a
         * snapshot taken between two equal even sequence numbers; leaves the slot for a later flush when the owner
         * keeps it busy.
         */
        void flush(final long before, final Series series) {
            for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
                long s = (long) SEQ.getAcquire(this);
                if ((s & 1) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                long snapTag = tag;
                long snapCount = (s - armSeq) >> 1;
                double snapSum = sum + sumOdd;
                double snapMin = min;
                double snapMax = max;
                long snapZeros = zeros;
                long snapNegatives = negatives;
                // a second already flushed once: what the owner added since (a value that raced the roll)
                boolean again = snapTag == flushedTag;
                long newCount = snapCount - (again ? flushedCount : 0);
                if (snapTag >= before || newCount == 0) {
                    VarHandle.acquireFence();
                    if ((long) SEQ.getOpaque(this) == s) {
                        return;
                    }
                    continue;
                }
                Distribution distribution = new Distribution();
                int[] changed = new int[32];
                int changes = 0;
                for (int i = 0; i < buckets.length; i++) {
                    int seen = buckets[i];
                    if (seen != taken[i]) {
                        distribution.addBucket(LogBuckets.DENSE_MIN_KEY + i, seen - taken[i]);
                        if (changes == changed.length) {
                            changed = Arrays.copyOf(changed, changes * 2);
                        }
                        changed[changes++] = i;
                        changed[changes++] = seen;
                    }
                }
                VarHandle.acquireFence();
                if ((long) SEQ.getOpaque(this) != s) {
                    continue;
                }
                for (int c = 0; c < changes; c += 2) {
                    taken[changed[c]] = changed[c + 1];
                }
                long newZeros = snapZeros - (again ? flushedZeros : 0);
                long newNegatives = snapNegatives - (again ? flushedNegatives : 0);
                Agg agg = new Agg();
                agg.count = newCount;
                agg.sum = snapSum - (again ? flushedSum : 0);
                agg.min = snapMin;
                agg.max = snapMax;
                if (newNegatives > 0) {
                    agg.noPercentiles = true;
                } else {
                    distribution.add(0, newZeros);
                    agg.distribution = distribution;
                }
                flushedSum = snapSum;
                flushedZeros = snapZeros;
                flushedNegatives = snapNegatives;
                FLUSHED_COUNT.setRelease(this, snapCount);
                FLUSHED_TAG.setRelease(this, snapTag);
                series.addAgg(snapTag, agg);
                return;
            }
        }
    }
}
