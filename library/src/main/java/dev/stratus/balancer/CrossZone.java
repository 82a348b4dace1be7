package dev.stratus.balancer;

/** The target-group attribute {@code load_balancing.cross_zone.enabled}. */
public enum CrossZone {
    /** {@code true}: every zone's node routes to targets in every zone. */
    ENABLED,
    /** {@code false}: a zone's node routes only to targets in its zone. */
    DISABLED,
    /** {@code use_load_balancer_configuration} (the default): the balancer's setting applies. */
    USE_LOAD_BALANCER_CONFIGURATION
}
