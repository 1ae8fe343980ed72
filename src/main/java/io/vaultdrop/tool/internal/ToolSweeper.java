package io.vaultdrop.tool.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deletes tool jobs that were not fully downloaded within {@code VAULTDROP_TOOL_RETENTION}: once at
 * start-up and then every {@code vaultdrop.tool.sweep-interval} (default 5 minutes, one node of a
 * cluster at a time); and all jobs of a deleted account.
 */
@Component
public class ToolSweeper implements ApplicationRunner {

  private final ToolService tool;

  ToolSweeper(ToolService tool) {
    this.tool = tool;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.tool.sweep-interval:PT5M}",
      initialDelayString = "${vaultdrop.tool.sweep-interval:PT5M}")
  @SchedulerLock(name = "tool-sweep", lockAtMostFor = "PT10M")
  public void sweep() throws IOException {
    tool.sweepExpired();
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    sweep();
  }

  /**
   * After the account deletion committed (so a rolled-back deletion keeps the jobs); without a
   * transaction, at once. A failure here leaves only ciphertext that the retention sweep removes.
   */
  @TransactionalEventListener(fallbackExecution = true)
  public void accountDeleted(AccountDeletedEvent event) {
    try {
      tool.deleteAllOf(event.userId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
