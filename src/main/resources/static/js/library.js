// Library page: ask before deleting a document (forms with data-confirm), and save the mail
// opt-in as soon as the box is ticked or unticked.
(function () {
  "use strict";
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  var box = document.getElementById("library-subscribed");
  if (box && box.form) {
    box.addEventListener("change", function () {
      box.form.submit();
    });
  }
})();
