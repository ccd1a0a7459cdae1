/** Benchmarks (JMH) and load tools. Run as a separate process from the server under test. */
package dev.tandem.bench;
