package dev.stratus.balancer;

import dev.stratus.core.internal.Checks;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A reusable, mutable description of one packet's flow: transport, client address and port, the load balancer's
 * address and listener port, the TCP sequence number (the initial one on a SYN) and the zone whose node received
 * it. Fill one per thread and reuse it: the setters neither allocate nor copy. IPv4 addresses are ints, IPv6
 * addresses two longs (high and low 64 bits).
 *
 * <pre>{@code
 * FlowKey key = new FlowKey();
 * key.tcp4(0x0A000001, 51000, 0x0A00FF01, 443).sequence(isn).zone(0);
 * int result = shard.route(key, FlowKey.SYN, 60);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class FlowKey {
    /** TCP flag FIN. */
    public static final int FIN = 0x01;
    /** TCP flag SYN. */
    public static final int SYN = 0x02;
    /** TCP flag RST. */
    public static final int RST = 0x04;
    /** TCP flag ACK. */
    public static final int ACK = 0x10;

    private boolean tcp = true;
    private boolean ipv6;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int sourcePort;
    private int destinationPort;
    private int sequence;
    private int zone;

    /** An empty key (TCP, 0.0.0.0:0 to 0.0.0.0:0, zone 0); fill it with one of the setters. */
    public FlowKey() {
    }

    /**
     * A TCP flow over IPv4.
     *
     * @throws IllegalArgumentException if a port is outside 0-65535
     */
    public FlowKey tcp4(final int source, final int sourcePort, final int destination, final int destinationPort) {
        return set(true, false, 0, source & 0xFFFF_FFFFL, sourcePort, 0, destination & 0xFFFF_FFFFL,
                destinationPort);
    }

    /**
     * A UDP flow over IPv4.
     *
     * @throws IllegalArgumentException if a port is outside 0-65535
     */
    public FlowKey udp4(final int source, final int sourcePort, final int destination, final int destinationPort) {
        return set(false, false, 0, source & 0xFFFF_FFFFL, sourcePort, 0, destination & 0xFFFF_FFFFL,
                destinationPort);
    }

    /**
     * A TCP flow over IPv6.
     *
     * @throws IllegalArgumentException if a port is outside 0-65535
     */
    public FlowKey tcp6(final long sourceHigh, final long sourceLow, final int sourcePort,
            final long destinationHigh, final long destinationLow, final int destinationPort) {
        return set(true, true, sourceHigh, sourceLow, sourcePort, destinationHigh, destinationLow, destinationPort);
    }

    /**
     * A UDP flow over IPv6.
     *
     * @throws IllegalArgumentException if a port is outside 0-65535
     */
    public FlowKey udp6(final long sourceHigh, final long sourceLow, final int sourcePort,
            final long destinationHigh, final long destinationLow, final int destinationPort) {
        return set(false, true, sourceHigh, sourceLow, sourcePort, destinationHigh, destinationLow, destinationPort);
    }

    /**
     * Fills the key from socket addresses (allocates; for control code and samples, not the packet path).
     *
     * @throws IllegalArgumentException if the addresses are unresolved or of different families
     */
    public FlowKey set(final boolean tcp, final InetSocketAddress client, final InetSocketAddress balancer) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(balancer, "balancer");
        InetAddress source = client.getAddress();
        InetAddress destination = balancer.getAddress();
        Checks.argument(source != null && destination != null,
                "addresses must be resolved: client=" + client + ", balancer=" + balancer);
        boolean v4 = source instanceof Inet4Address;
        Checks.argument(v4 == destination instanceof Inet4Address,
                "addresses must be of one family: client=" + client + ", balancer=" + balancer);
        ByteBuffer src = ByteBuffer.allocate(16).put(v4 ? new byte[12] : new byte[0]).put(source.getAddress());
        ByteBuffer dst = ByteBuffer.allocate(16).put(v4 ? new byte[12] : new byte[0]).put(destination.getAddress());
        return set(tcp, !v4, src.getLong(0), src.getLong(8), client.getPort(), dst.getLong(0), dst.getLong(8),
                balancer.getPort());
    }

    private FlowKey set(final boolean tcp, final boolean ipv6, final long srcHigh, final long srcLow, final int srcPort,
            final long dstHigh, final long dstLow, final int dstPort) {
        if ((srcPort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("sourcePort must be between 0 and 65535: sourcePort=" + srcPort);
        }
        if ((dstPort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(
                    "destinationPort must be between 0 and 65535: destinationPort=" + dstPort);
        }
        this.tcp = tcp;
        this.ipv6 = ipv6;
        this.sourceHigh = srcHigh;
        this.sourceLow = srcLow;
        this.sourcePort = srcPort;
        this.destinationHigh = dstHigh;
        this.destinationLow = dstLow;
        this.destinationPort = dstPort;
        this.sequence = 0;
        return this;
    }

    /** The TCP sequence number of this packet; on a SYN, the initial sequence number NLB hashes. */
    public FlowKey sequence(final int sequence) {
        this.sequence = sequence;
        return this;
    }

    /**
     * The index of the zone whose node received the packet ({@link Balancer#zoneIndex(String)}).
     *
     * @throws IllegalArgumentException if negative or above 255
     */
    public FlowKey zone(final int zone) {
        if ((zone & ~0xFF) != 0) {
            throw new IllegalArgumentException("zone must be between 0 and 255: zone=" + zone);
        }
        this.zone = zone;
        return this;
    }

    /** Copies every field of {@code other}. */
    public FlowKey copyFrom(final FlowKey other) {
        set(other.tcp, other.ipv6, other.sourceHigh, other.sourceLow, other.sourcePort, other.destinationHigh,
                other.destinationLow, other.destinationPort);
        this.sequence = other.sequence;
        this.zone = other.zone;
        return this;
    }

    /** Whether the transport is TCP (else UDP). */
    public boolean isTcp() {
        return tcp;
    }

    /** Whether the addresses are IPv6. */
    public boolean isIpv6() {
        return ipv6;
    }

    /** The client address's high 64 bits (0 for IPv4). */
    public long sourceHigh() {
        return sourceHigh;
    }

    /** The client address's low 64 bits (the IPv4 address, unsigned, for IPv4). */
    public long sourceLow() {
        return sourceLow;
    }

    /** The balancer address's high 64 bits (0 for IPv4). */
    public long destinationHigh() {
        return destinationHigh;
    }

    /** The balancer address's low 64 bits. */
    public long destinationLow() {
        return destinationLow;
    }

    /** The client port. */
    public int sourcePort() {
        return sourcePort;
    }

    /** The listener port. */
    public int destinationPort() {
        return destinationPort;
    }

    /** The TCP sequence number. */
    public int sequence() {
        return sequence;
    }

    /** The receiving zone's index. */
    public int zone() {
        return zone;
    }

    @Override
    public String toString() {
        return (tcp ? "TCP" : "UDP") + (ipv6 ? "6[" : "4[") + Long.toHexString(sourceHigh) + ":"
                + Long.toHexString(sourceLow) + "." + sourcePort + " -> " + Long.toHexString(destinationHigh) + ":"
                + Long.toHexString(destinationLow) + "." + destinationPort + ", seq=" + sequence + ", zone=" + zone
                + "]";
    }
}
