/**
 * JMH benchmarks of the Bus engine against Guava's EventBus and Amazon's event-ruler, measured in the same run.
 */
package dev.stratus.bench.bus;
