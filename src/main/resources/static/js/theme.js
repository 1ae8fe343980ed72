// Runs in <head>, before the first paint: marks the page as scripted (CSS shows the menu button and
// the theme switch only then) and applies the visitor's theme choice (app.js stores it). Without a
// stored choice the palette follows the system (prefers-color-scheme).
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = window.localStorage.getItem("vaultdrop-theme");
    if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
  } catch (e) {
    // Storage refused (private mode, policy): the system palette stays.
  }
})();
