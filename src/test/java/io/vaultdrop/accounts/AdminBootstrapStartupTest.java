package io.vaultdrop.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.VaultdropApplication;
import io.vaultdrop.config.InvalidSettingException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** There is never a default administrator, and a weak bootstrap password is refused. */
class AdminBootstrapStartupTest {

  @TempDir Path dataDir;

  @Test
  void withoutAdminSettings_startsWithNoAdministrator() {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getBean(AccountService.class).list())
          .noneMatch(account -> account.role() == Role.ADMIN);
    }
  }

  @Test
  void weakBootstrapPassword_stopsStartUp_withoutEchoingIt() {
    assertThatThrownBy(
            () ->
                start(
                        "--vaultdrop.admin.email=root@vaultdrop.test",
                        "--vaultdrop.admin.password=password1234")
                    .close())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("VAULTDROP_ADMIN_EMAIL/VAULTDROP_ADMIN_PASSWORD")
        .hasMessageNotContaining("password1234");
  }

  private ConfigurableApplicationContext start(String... extra) {
    String[] args = {
      "--server.port=0",
      "--vaultdrop.data-dir=" + dataDir,
      "--vaultdrop.scheduling.enabled=false",
      "--spring.datasource.url=jdbc:h2:mem:bootstrap-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
    };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return new SpringApplicationBuilder(VaultdropApplication.class).run(all);
  }
}
