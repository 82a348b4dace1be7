package dev.stratus.balancer;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PROXY protocol version 2 headers, as NLB prepends them to TCP data when {@code proxy_protocol_v2.enabled} is on.
 * See https://www.haproxy.org/download/1.8/doc/proxy-protocol.txt.
 */
public final class ProxyProtocolV2 {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int COMMAND_LOCAL = 0x20;
    private static final int COMMAND_PROXY = 0x21;

    private ProxyProtocolV2() {
    }

    /**
     * A PROXY header carrying the client's and the balancer's addresses.
     *
     * @param tcp STREAM (TCP) or DGRAM (UDP)
     * @throws IllegalArgumentException if the addresses are unresolved or of different families
     */
    public static byte[] proxy(final InetSocketAddress client, final InetSocketAddress balancer, final boolean tcp) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(balancer, "balancer");
        if (client.getAddress() == null || balancer.getAddress() == null) {
            throw new IllegalArgumentException("addresses must be resolved: client=" + client + ", balancer="
                    + balancer);
        }
        boolean v4 = client.getAddress() instanceof Inet4Address;
        if (v4 != balancer.getAddress() instanceof Inet4Address) {
            throw new IllegalArgumentException("addresses must be of one family: client=" + client + ", balancer="
                    + balancer);
        }
        int addressLength = v4 ? 12 : 36;
        ByteBuffer header = ByteBuffer.allocate(16 + addressLength);
        header.put(SIGNATURE).put((byte) COMMAND_PROXY).put((byte) ((v4 ? 0x10 : 0x20) | (tcp ? 0x1 : 0x2)));
        header.putShort((short) addressLength);
        header.put(client.getAddress().getAddress()).put(balancer.getAddress().getAddress());
        header.putShort((short) client.getPort()).putShort((short) balancer.getPort());
        return header.array();
    }

    /** A LOCAL header without addresses, as health-check connections carry it. */
    public static byte[] local() {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(SIGNATURE).put((byte) COMMAND_LOCAL).put((byte) 0x00).putShort((short) 0);
        return header.array();
    }
}
