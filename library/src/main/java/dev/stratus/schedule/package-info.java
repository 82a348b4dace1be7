/**
 * The scheduler: EventBridge-style rules with {@code rate(...)}, AWS's six-field {@code cron(...)} and
 * {@code at(...)} expressions, fired on the injected clock.
 */
package dev.stratus.schedule;
