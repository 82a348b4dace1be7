package dev.stratus.balancer;

import com.google.common.net.InetAddresses;
import dev.stratus.core.internal.Checks;

/**
 * A target registered in a target group: an id (instance id or IP), the address and port flows go to, and the
 * availability zone it lives in.
 *
 * @param id the target id, unique within its group
 * @param address an IPv4 or IPv6 literal
 * @param port 1-65535
 * @param zone the availability zone name, e.g. {@code us-east-1a}
 */
public record Target(String id, String address, int port, String zone) {

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException if a field is empty, the address is no IP literal or the port is out of range
     */
    public Target {
        Checks.notEmpty(id, "id");
        Checks.notEmpty(address, "address");
        Checks.argument(InetAddresses.isInetAddress(address),
                "address must be an IPv4 or IPv6 literal: address=" + address);
        Checks.inRange(port, 1, 65535, "port");
        Checks.notEmpty(zone, "zone");
    }

    /** A target whose id is its {@code address:port}. */
    public static Target of(final String address, final int port, final String zone) {
        return new Target(address + ":" + port, address, port, zone);
    }
}
