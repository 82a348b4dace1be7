/**
 * What every engine shares: the injectable {@link dev.stratus.core.Clock} (and {@link dev.stratus.core.ManualClock}
 * for virtual time), the seedable {@link dev.stratus.core.RandomSource}, ARNs and ids, the
 * {@link dev.stratus.core.StratusException} root and the {@link dev.stratus.core.ErrorHandler} for asynchronous
 * failures. It imports no engine.
 */
package dev.stratus.core;
