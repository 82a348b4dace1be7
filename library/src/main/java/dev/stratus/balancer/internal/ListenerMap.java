package dev.stratus.balancer.internal;

import dev.stratus.balancer.Listener;
import dev.stratus.balancer.Protocol;
import java.util.Arrays;
import java.util.List;

/** The fixed listener configuration the data path needs: listener by transport and port, idle timeouts, classes. */
public final class ListenerMap {
    /** Counter class of TCP listeners. */
    public static final int TCP = 0;
    /** Counter class of UDP flows. */
    public static final int UDP = 1;
    /** Counter class of TLS listeners. */
    public static final int TLS = 2;
    /** Number of counter classes. */
    public static final int CLASSES = 3;

    private final int[] tcpByPort = new int[65536];
    private final int[] udpByPort = new int[65536];
    private final long[] tcpIdleSeconds;
    private final byte[] tcpClass;

    public ListenerMap(final List<Listener> listeners) {
        Arrays.fill(tcpByPort, -1);
        Arrays.fill(udpByPort, -1);
        tcpIdleSeconds = new long[listeners.size()];
        tcpClass = new byte[listeners.size()];
        for (int i = 0; i < listeners.size(); i++) {
            Listener listener = listeners.get(i);
            Protocol p = listener.protocol();
            if (p != Protocol.UDP) {
                tcpByPort[listener.port()] = i;
            }
            if (p == Protocol.UDP || p == Protocol.TCP_UDP) {
                udpByPort[listener.port()] = i;
            }
            tcpIdleSeconds[i] = listener.tcpIdleTimeout().toSeconds();
            tcpClass[i] = (byte) (p == Protocol.TLS ? TLS : TCP);
        }
    }

    /** The listener index for a transport and port, or -1. */
    public int listener(final boolean tcp, final int port) {
        return tcp ? tcpByPort[port] : udpByPort[port];
    }

    /** Number of listeners. */
    public int size() {
        return tcpIdleSeconds.length;
    }

    /** The counter class of a flow on {@code listener}. */
    public int counterClass(final int listener, final boolean tcp) {
        return tcp ? tcpClass[listener] : UDP;
    }

    /** The idle timeout in seconds of a flow of {@code counterClass} on {@code listener}. */
    public long idleSeconds(final int listener, final int counterClass) {
        return counterClass == UDP ? Listener.UDP_IDLE_TIMEOUT.toSeconds() : tcpIdleSeconds[listener];
    }
}
