package dev.stratus.balancer;

import com.google.common.net.InetAddresses;
import dev.stratus.core.internal.Checks;

/**
 * An enabled availability zone: one load-balancer node with one static address, fixed for the balancer's life.
 *
 * @param name the zone name, e.g. {@code us-east-1a}
 * @param address the node's static IPv4 or IPv6 literal
 */
public record Zone(String name, String address) {

    /**
     * Validates both fields.
     *
     * @throws IllegalArgumentException if a field is empty or the address is no IP literal
     */
    public Zone {
        Checks.notEmpty(name, "name");
        Checks.notEmpty(address, "address");
        Checks.argument(InetAddresses.isInetAddress(address),
                "address must be an IPv4 or IPv6 literal: address=" + address);
    }
}
