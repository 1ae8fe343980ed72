/**
 * Shared pieces of Vaultdrop's Prometheus metrics ({@code docs/metrics.md}). The domain meters live
 * where their events happen (the object lifecycle, the rate limiter, the features' gauges); this
 * module holds what they share and what applies to every meter.
 */
package io.vaultdrop.metrics;
