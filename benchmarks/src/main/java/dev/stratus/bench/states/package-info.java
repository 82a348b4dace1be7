/** Benchmarks of the States engine: transitions, Parallel fan-out, ResultPath scaling, parked executions. */
package dev.stratus.bench.states;
