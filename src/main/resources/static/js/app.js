// Vaultdrop page behaviour. Loaded with `defer` from the shared layout; the CSP allows
// same-origin scripts only, so every page script lives in /js and is bound here, never inline.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();
