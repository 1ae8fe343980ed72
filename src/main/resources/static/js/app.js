// Vaultdrop page behaviour. Loaded with `defer` from the shared layout; the CSP allows
// same-origin scripts only, so every page script lives in /js and is bound here, never inline.
(function () {
  "use strict";
  var root = document.documentElement;

  // Times the server writes in UTC (<time datetime>) are shown in the reader's
  // own time zone and language, the UTC value in a tooltip; without JavaScript the UTC text stays.
  function localTime(node) {
    var when = new Date(node.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    node.title = when.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    node.textContent = timeFormat().format(when);
  }

  // Month by name where the browser knows the names in the page's language; where it does not
  // (Chromium's Uzbek data shows "M12"), day, month and year as numbers.
  var format = null;
  function timeFormat() {
    if (format) return format;
    var clock = { hour: "2-digit", minute: "2-digit" };
    format = new Intl.DateTimeFormat(root.lang || undefined,
      Object.assign({ year: "numeric", month: "long", day: "numeric" }, clock));
    var unnamed = format.formatToParts(new Date()).some(function (part) {
      return part.type === "month" && /^M\d+$/.test(part.value);
    });
    if (unnamed) {
      format = new Intl.DateTimeFormat(root.lang || undefined,
        Object.assign({ year: "numeric", month: "2-digit", day: "2-digit" }, clock));
    }
    return format;
  }
  document.querySelectorAll("time[datetime]").forEach(localTime);
  window.Vaultdrop = { localTime: localTime };

  // Destructive actions ask first: a form with data-confirm="question", or a submit button with
  // one (a form with several actions), is sent only after the visitor confirms. Without
  // JavaScript the form is sent as it is (the server needs no confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question =
      (button && button.getAttribute && button.getAttribute("data-confirm")) ||
      (form && form.getAttribute && form.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // The current page's navigation entry.
  document.querySelectorAll(".nav a[href]").forEach(function (link) {
    if (link.pathname === window.location.pathname) link.setAttribute("aria-current", "page");
  });

  // Narrow screens: the Menu button shows and hides the navigation (CSS shows the button only
  // with JavaScript; without it the navigation is always visible).
  var menuToggle = document.querySelector("[data-menu-toggle]");
  var menu = menuToggle && document.getElementById(menuToggle.getAttribute("aria-controls"));
  if (menuToggle && menu) {
    menuToggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      menuToggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // The account menu (a <details>) closes on Escape and on a click elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (details) {
      if (!details.contains(event.target)) details.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.user-menu[open]").forEach(function (details) {
      details.open = false;
      details.querySelector("summary").focus();
    });
  });

  // Theme switch: dark or light, remembered in this browser (theme.js applies it on every page).
  var themeToggle = document.querySelector("[data-theme-toggle]");
  function darkInEffect() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function showTheme() {
    if (themeToggle) themeToggle.setAttribute("aria-pressed", darkInEffect() ? "true" : "false");
  }
  if (themeToggle) {
    showTheme();
    themeToggle.addEventListener("click", function () {
      var theme = darkInEffect() ? "light" : "dark";
      root.setAttribute("data-theme", theme);
      try {
        window.localStorage.setItem("vaultdrop-theme", theme);
      } catch (e) {
        // Not remembered; this page still switches.
      }
      showTheme();
    });
  }

  // Copy buttons: <button data-copy-target="input-id">. The button says it worked for a moment
  // (the layout's <body data-text-copied>), and a screen reader hears it: the button is its own
  // live region.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var label = button.textContent;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy-target"));
      if (!input) return;
      input.select();
      var done = function () {
        button.textContent = document.body.getAttribute("data-text-copied") || label;
        button.classList.add("copied");
        window.setTimeout(function () {
          button.textContent = label;
          button.classList.remove("copied");
        }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          if (document.execCommand("copy")) done();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
})();
