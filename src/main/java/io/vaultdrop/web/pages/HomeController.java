package io.vaultdrop.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page. */
@Controller
final class HomeController {

  @GetMapping("/")
  String home() {
    return "home";
  }
}
