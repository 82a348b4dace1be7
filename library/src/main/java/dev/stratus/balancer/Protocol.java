package dev.stratus.balancer;

/** A listener or target-group protocol, as NLB names them. */
public enum Protocol {
    /** TCP; flows are tracked from SYN to FIN/RST or idle timeout (350 s default, 60-6000 s). */
    TCP,
    /** UDP; a flow ends after 120 s idle and its next packet is a new flow. */
    UDP,
    /** TCP and UDP on the same port. */
    TCP_UDP,
    /** TLS terminated at the load balancer; TCP transport with a fixed 350 s idle timeout. */
    TLS;

    boolean carriesTcp() {
        return this != UDP;
    }

    boolean carriesUdp() {
        return this == UDP || this == TCP_UDP;
    }
}
