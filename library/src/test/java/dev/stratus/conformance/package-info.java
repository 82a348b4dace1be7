/** The conformance harness: runs the cases recorded against AWS from {@code ../shared/conformance}. */
package dev.stratus.conformance;
