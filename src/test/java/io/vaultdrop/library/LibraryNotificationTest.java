package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.Eventually;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * New-document mails through a real SMTP server (GreenMail): only subscribed, enabled, verified
 * accounts get one, never the publisher, never someone who opted out; nobody sees another
 * recipient's address. (This context also accepts external hyperlinks, to show that setting.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.library.allow-external-hyperlinks=true"
    })
class LibraryNotificationTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @Test
  void newDocument_mailsSubscribersOnly() throws Exception {
    LibraryHttp http = new LibraryHttp(port);
    Account publisher = user(Role.OPERATOR);
    Caller publishing = http.bearer(publisher.email(), PASSWORD);
    Account subscriber = user(Role.MEMBER);
    Account operatorSubscriber = user(Role.OPERATOR);
    Account bystander = user(Role.MEMBER);
    Account optedOut = user(Role.MEMBER);
    Account disabled = user(Role.MEMBER);
    Account admin = user(Role.ADMIN);
    for (Account account : List.of(subscriber, operatorSubscriber, optedOut, disabled, publisher)) {
      Caller caller = http.bearer(account.email(), PASSWORD);
      assertThat(http.call("PUT", "/api/v1/library/subscription", caller).statusCode())
          .isEqualTo(204);
    }
    assertThat(
            http.call(
                    "DELETE",
                    "/api/v1/library/subscription",
                    http.bearer(optedOut.email(), PASSWORD))
                .statusCode())
        .isEqualTo(204);
    accounts.setEnabled(disabled.id(), false, admin.id(), "127.0.0.1");

    byte[] docx =
        OoxmlSamples.docx("news")
            .add(
                "word/_rels/document.xml.rels",
                OoxmlSamples.relationships(
                    "rId3",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                    "https://example.org/more",
                    "External"))
            .bytes();
    HttpResponse<String> created =
        http.upload("POST", "/api/v1/library", publishing, "Price list 2027.docx", docx);
    assertThat(created.statusCode()).isEqualTo(201);

    // One Bcc mail, delivered to both subscribers in one SMTP transaction.
    Eventually.eventually(() -> count(subscriber) == 1 && count(operatorSubscriber) == 1);
    for (Account none : List.of(publisher, bystander, optedOut, disabled, admin)) {
      assertThat(inbox(none.email())).as(none.email()).isEmpty();
    }
    MimeMessage mail = inbox(subscriber.email()).getFirst().getMimeMessage();
    String body = GreenMailUtil.getBody(mail).replace("=\r\n", "");
    assertThat(body).contains("Price list 2027.docx").contains("/library");
    assertThat(mail.getSubject()).contains("new document");
    // Bcc: the headers name no recipient at all.
    assertThat(mail.getHeader("To")).isNull();
    assertThat(mail.getHeader("Cc")).isNull();
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(GreenMailUtil.getHeaders(mail)).doesNotContain(operatorSubscriber.email());

    // Replacing a document is not news.
    String id = LibraryHttp.json(created.body()).get("id").asString();
    assertThat(
            http.upload("PUT", "/api/v1/library/" + id, publishing, "Price list 2027.docx", docx)
                .statusCode())
        .isEqualTo(200);
    // A second publication arrives after it: had the replacement mailed, it would be in between.
    http.upload(
        "POST", "/api/v1/library", publishing, "Second.xlsx", OoxmlSamples.xlsx("2").bytes());
    Eventually.eventually(() -> count(operatorSubscriber) == 2);
    assertThat(inbox(subscriber.email())).hasSize(2);
    assertThat(GreenMailUtil.getBody(inbox(subscriber.email()).get(1).getMimeMessage()))
        .contains("Second.xlsx");
  }

  private List<StoredMessage> inbox(String email) throws FolderException {
    GreenMailUser user = smtp.getUserManager().getUserByEmail(email);
    if (user == null) {
      return List.of();
    }
    return smtp.getManagers().getImapHostManager().getInbox(user).getMessages();
  }

  private int count(Account account) {
    try {
      return inbox(account.email()).size();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  private Account user(Role role) {
    return accounts.createUser(uniqueEmail(), PASSWORD, role, null, null);
  }
}
