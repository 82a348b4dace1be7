/** Reading AWS execution histories into state instances, for the failure point and the execution graph; not API. */
package dev.stratus.states.internal.history;
