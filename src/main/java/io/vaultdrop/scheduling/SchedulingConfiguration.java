package io.vaultdrop.scheduling;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the scheduled jobs (sweeps) of this node. Each job also holds a cluster lock ({@link
 * ClusterLockConfiguration}), so on a cluster sharing the database it runs on one node at a time.
 *
 * <p>Features annotate a method with {@code @Scheduled(...)} and {@code @SchedulerLock(name = "…",
 * lockAtMostFor = "…")}. Set {@code vaultdrop.scheduling.enabled=false} to run no scheduled job on
 * a node (tests use it to drive sweeps by hand); start-up sweeps still run, under the lock.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "vaultdrop.scheduling.enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {}
