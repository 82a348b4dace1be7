/**
 * The Bus engine: SNS-style topics (standard and FIFO, filter policies, raw delivery, dead-letter queues) fanning
 * out to SQS-style queues and Java functions, with AWS's limits and error texts, on an injectable clock.
 */
package dev.stratus.bus;
