/**
 * Benchmarks of the States engine: transitions, Parallel fan-out, ResultPath scaling, parked executions and
 * definition validation.
 */
package dev.stratus.bench.states;
