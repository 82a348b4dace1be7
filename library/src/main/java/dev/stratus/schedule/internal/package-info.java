/** Cron parsing and evaluation behind {@link dev.stratus.schedule.ScheduleExpression}; not API. */
package dev.stratus.schedule.internal;
