package dev.stratus.balancer;

/** Receives the result of each flow record offered through a shard's ring, on the shard's thread. */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Called once per record; must not block.
     *
     * @param correlation the value given to {@link Balancer#offer(FlowKey, int, int, long)}
     * @param result a target index, or one of {@link RouteCodes}
     */
    void onRoute(long correlation, int result);
}
