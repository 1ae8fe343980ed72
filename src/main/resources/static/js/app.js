// Vaultdrop page behaviour. Loaded with `defer` from the shared layout; the CSP allows
// same-origin scripts only, so every page script lives in /js and is bound here, never inline.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

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
