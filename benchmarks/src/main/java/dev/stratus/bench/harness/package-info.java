/**
 * The benchmark harness: one command runs the suite with progress, then writes JMH's JSON, a Markdown report of
 * every goal against its baseline, and charts.
 */
package dev.stratus.bench.harness;
