package io.vaultdrop.tool.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.objects.ExpiringObjects;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The tool's expiry rule for the object sweeper: jobs not fully downloaded within {@code
 * VAULTDROP_TOOL_RETENTION} go. Also deletes every job of a deleted account, in the deletion's
 * transaction (a rolled-back deletion keeps them; the blobs go after it commits).
 */
@Component
final class ToolExpiry implements ExpiringObjects {

  private final ToolService tool;

  ToolExpiry(ToolService tool) {
    this.tool = tool;
  }

  @Override
  public String feature() {
    return ToolService.FEATURE;
  }

  @Override
  public int deleteExpired(Instant now) {
    return tool.deleteExpired(now);
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    tool.deleteAllOf(event.userId());
  }
}
