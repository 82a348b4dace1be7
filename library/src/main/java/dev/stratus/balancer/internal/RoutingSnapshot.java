package dev.stratus.balancer.internal;

/**
 * An immutable routing view the control plane publishes by reference swap: per listener the weighted choice of
 * target group, per group and receiving zone a Maglev table of target indices (null when nothing is in reach),
 * and per target whether flows pinned to it are terminated. Shards read it once per packet.
 */
public final class RoutingSnapshot {
    final long version;
    final ListenerRoute[] listeners;
    final byte[] terminate;

    RoutingSnapshot(final long version, final ListenerRoute[] listeners, final byte[] terminate) {
        this.version = version;
        this.listeners = listeners;
        this.terminate = terminate;
    }

    /** The snapshot's sequence number. */
    public long version() {
        return version;
    }

    /** Whether flows pinned to {@code target} are terminated. */
    public boolean terminates(final int target) {
        return target < terminate.length && terminate[target] != 0;
    }

    /** The Maglev table listener {@code listener}'s group {@code group} uses in {@code zone} (may be null). */
    public int[] table(final int listener, final int group, final int zone) {
        return listeners[listener].groups[group].tables[zone];
    }

    /** One listener's forward action. */
    static final class ListenerRoute {
        final int[] groupPick;
        final GroupRoute[] groups;
        final boolean sticky;

        ListenerRoute(final int[] groupPick, final GroupRoute[] groups, final boolean sticky) {
            this.groupPick = groupPick;
            this.groups = groups;
            this.sticky = sticky;
        }

        GroupRoute pick(final long hash) {
            int[] pick = groupPick;
            return groups[pick.length == 1 ? pick[0] : pick[(int) (((hash & 0xFFFF_FFFFL) * pick.length) >>> 32)]];
        }
    }

    /** One target group's tables, by receiving zone. */
    static final class GroupRoute {
        final boolean sticky;
        final int[][] tables;

        GroupRoute(final boolean sticky, final int[][] tables) {
            this.sticky = sticky;
            this.tables = tables;
        }
    }
}
