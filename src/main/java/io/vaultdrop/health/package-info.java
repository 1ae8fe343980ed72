/**
 * Health checks for load balancers and orchestrators: the database and the blob store, each
 * answered within a bounded time ({@code /actuator/health}, {@code /actuator/health/readiness}).
 * The groups themselves are configured in {@code application.yml}; see README "Health checks".
 */
package io.vaultdrop.health;
