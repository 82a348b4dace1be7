/** Runnable samples, one scenario per file; {@link dev.stratus.samples.Tour} runs them all. */
package dev.stratus.samples;
