package io.vaultdrop.web;

import io.vaultdrop.config.PublicLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where to point a browser once the server takes requests: one log line with the address of
 * the home page (the public URL, or {@code http://localhost:<port>} when none is set). Nothing
 * secret is in it.
 */
@Component
final class ReadyAnnouncement {

  private static final Logger log = LoggerFactory.getLogger("io.vaultdrop");

  private final PublicLinks links;

  ReadyAnnouncement(PublicLinks links) {
    this.links = links;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext) {
      log.info("Vaultdrop is ready: open {}", links.link("/"));
    }
  }
}
