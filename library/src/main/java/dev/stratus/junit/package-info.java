/**
 * JUnit 5 support: {@link dev.stratus.junit.StratusExtension} gives each test a fresh in-memory Stratus on a
 * manual clock.
 */
package dev.stratus.junit;
