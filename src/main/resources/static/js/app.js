// Vaultdrop page behaviour. Loaded with `defer` from the shared layout; the CSP allows
// same-origin scripts only, so every page script lives in /js and is bound here, never inline.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Times the server writes in UTC (<time datetime data-local-time>) are shown in the reader's
  // own time zone and language; without JavaScript the UTC text stays.
  document.querySelectorAll("time[data-local-time]").forEach(function (node) {
    var when = new Date(node.getAttribute("datetime"));
    if (!isNaN(when.getTime())) {
      node.textContent = when.toLocaleString(document.documentElement.lang || undefined, {
        dateStyle: "medium",
        timeStyle: "short",
      });
    }
  });

  // Destructive actions ask first: a form with data-confirm="question" is sent only after the
  // visitor confirms. Without JavaScript the form is sent as it is (the server needs no confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
