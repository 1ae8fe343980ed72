package io.vaultdrop.health.internal;

import io.vaultdrop.storage.BlobStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two dependencies a node cannot serve without, as health indicators {@code db} and {@code
 * storage}, each bounded by {@link BoundedCheck}. Named {@code dbHealthIndicator}, the database
 * check replaces Spring Boot's, which waits for the pool and then calls {@code isValid(0)} (no time
 * limit).
 */
@Configuration(proxyBeanMethods = false)
class HealthChecks {

  /**
   * Runs a statement rather than {@code isValid}: after a failed write the embedded H2 closes its
   * database, yet its pooled sessions still call themselves valid; a statement fails on them and
   * makes the pool drop them (see the database module).
   */
  @Bean
  HealthIndicator dbHealthIndicator(DataSource dataSource) {
    BoundedCheck check = new BoundedCheck("db");
    int seconds = (int) BoundedCheck.LIMIT.toSeconds();
    return () ->
        check.check(
            () -> {
              try (Connection connection = dataSource.getConnection();
                  Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                try (ResultSet result = statement.executeQuery("SELECT 1")) {
                  if (!result.next()) {
                    throw new SQLException("SELECT 1 returned no row");
                  }
                }
              }
            });
  }

  /**
   * Spring's availability states as the {@code livenessState} and {@code readinessState} checks:
   * registered here rather than through Boot's {@code probes.enabled}, whose groups would list
   * their names in every health body (see {@link UnnamedHealthGroups}). A drain on SIGTERM sets
   * readiness to {@code REFUSING_TRAFFIC}, which makes readiness and the overall health 503.
   */
  @Bean
  LivenessStateHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
    return new LivenessStateHealthIndicator(availability);
  }

  @Bean
  ReadinessStateHealthIndicator readinessStateHealthIndicator(
      ApplicationAvailability availability) {
    return new ReadinessStateHealthIndicator(availability);
  }

  @Bean
  HealthIndicator storageHealthIndicator(BlobStore blobs) {
    BoundedCheck check = new BoundedCheck("storage");
    return () -> check.check(blobs::checkAvailable);
  }
}
