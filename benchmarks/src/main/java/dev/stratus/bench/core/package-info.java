/** Benchmarks of the core: the clock every engine schedules on. */
package dev.stratus.bench.core;
