package dev.stratus.balancer.internal;

import dev.stratus.balancer.FlowKey;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Layout of a flow record in a shard's ring buffer (message type {@link #MSG_TYPE_PACKET}), 56 bytes:
 *
 * <pre>
 *   0                   8                   16
 *   +-------------------+-------------------+
 *   | correlation       | source high       |
 *   +-------------------+-------------------+ 16
 *   | source low        | destination high  |
 *   +-------------------+-------------------+ 32
 *   | destination low   | seq     | bytes   |
 *   +-------------------+----+----+-+-+-+-+-+ 48
 *   | srcPort | dstPort | flags | kind | zone | pad |
 *   +---------+---------+-------+------+------+-----+ 56
 * </pre>
 *
 * {@code kind}: bit 0 TCP, bit 1 IPv6.
 */
public final class FlowRecordDescriptor {
    public static final int MSG_TYPE_PACKET = 1;
    public static final int LENGTH = 56;
    private static final int CORRELATION = 0;
    private static final int SOURCE_HIGH = 8;
    private static final int SOURCE_LOW = 16;
    private static final int DESTINATION_HIGH = 24;
    private static final int DESTINATION_LOW = 32;
    private static final int SEQUENCE = 40;
    private static final int BYTES = 44;
    private static final int SOURCE_PORT = 48;
    private static final int DESTINATION_PORT = 50;
    private static final int FLAGS = 52;
    private static final int KIND = 53;
    private static final int ZONE = 54;

    private FlowRecordDescriptor() {
    }

    /** Writes a record at {@code offset}. */
    public static void encode(final MutableDirectBuffer buffer, final int offset, final FlowKey key,
            final int tcpFlags, final int bytes, final long correlation) {
        buffer.putLong(offset + CORRELATION, correlation);
        buffer.putLong(offset + SOURCE_HIGH, key.sourceHigh());
        buffer.putLong(offset + SOURCE_LOW, key.sourceLow());
        buffer.putLong(offset + DESTINATION_HIGH, key.destinationHigh());
        buffer.putLong(offset + DESTINATION_LOW, key.destinationLow());
        buffer.putInt(offset + SEQUENCE, key.sequence());
        buffer.putInt(offset + BYTES, bytes);
        buffer.putShort(offset + SOURCE_PORT, (short) key.sourcePort());
        buffer.putShort(offset + DESTINATION_PORT, (short) key.destinationPort());
        buffer.putByte(offset + FLAGS, (byte) tcpFlags);
        buffer.putByte(offset + KIND, (byte) ((key.isTcp() ? 1 : 0) | (key.isIpv6() ? 2 : 0)));
        buffer.putByte(offset + ZONE, (byte) key.zone());
    }

    /** Reads the flow of the record at {@code offset} into {@code key}. */
    public static void decode(final DirectBuffer buffer, final int offset, final FlowKey key) {
        int kind = buffer.getByte(offset + KIND);
        boolean tcp = (kind & 1) != 0;
        int srcPort = buffer.getShort(offset + SOURCE_PORT) & 0xFFFF;
        int dstPort = buffer.getShort(offset + DESTINATION_PORT) & 0xFFFF;
        long srcHigh = buffer.getLong(offset + SOURCE_HIGH);
        long srcLow = buffer.getLong(offset + SOURCE_LOW);
        long dstHigh = buffer.getLong(offset + DESTINATION_HIGH);
        long dstLow = buffer.getLong(offset + DESTINATION_LOW);
        if ((kind & 2) != 0) {
            if (tcp) {
                key.tcp6(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
            } else {
                key.udp6(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
            }
        } else if (tcp) {
            key.tcp4((int) srcLow, srcPort, (int) dstLow, dstPort);
        } else {
            key.udp4((int) srcLow, srcPort, (int) dstLow, dstPort);
        }
        key.sequence(buffer.getInt(offset + SEQUENCE)).zone(buffer.getByte(offset + ZONE) & 0xFF);
    }

    public static long correlation(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + CORRELATION);
    }

    public static int tcpFlags(final DirectBuffer buffer, final int offset) {
        return buffer.getByte(offset + FLAGS) & 0xFF;
    }

    public static int bytes(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + BYTES);
    }
}
