package dev.stratus.balancer.internal;

/** Checks, before any Agrona buffer exists, that the JVM lets Agrona reach {@code jdk.internal.misc}. */
public final class AgronaAccess {
    /** The JVM option the balancer needs. */
    public static final String REQUIRED_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private AgronaAccess() {
    }

    /** Whether Agrona's module may use {@code jdk.internal.misc}. */
    public static boolean available() {
        Module agrona = org.agrona.DirectBuffer.class.getModule();
        return Object.class.getModule().isExported("jdk.internal.misc", agrona);
    }

    /** @throws IllegalStateException naming {@link #REQUIRED_FLAG} when it is missing */
    public static void require() {
        if (!available()) {
            throw new IllegalStateException("the load balancer needs the JVM option " + REQUIRED_FLAG);
        }
    }
}
