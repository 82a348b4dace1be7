/** Benchmarks of the States engine: definition validation. */
package dev.stratus.bench.states;
