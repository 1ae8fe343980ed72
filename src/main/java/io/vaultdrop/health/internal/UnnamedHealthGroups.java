package io.vaultdrop.health.internal;

import java.util.Set;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code /actuator/health} at exactly {@code {"status":"UP"}} (the API contract) now that the
 * {@code liveness} and {@code readiness} groups exist: Spring Boot lists every group's name in that
 * body. The groups still answer at their own paths; only the listing is hidden. Boot's own probe
 * support is off for this reason: it would add the names back.
 */
@Component
final class UnnamedHealthGroups implements HealthEndpointGroupsPostProcessor {

  @Override
  public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
    return new HealthEndpointGroups() {
      @Override
      public HealthEndpointGroup getPrimary() {
        return groups.getPrimary();
      }

      @Override
      public Set<String> getNames() {
        return Set.of();
      }

      @Override
      public HealthEndpointGroup get(String name) {
        return groups.get(name);
      }
    };
  }
}
