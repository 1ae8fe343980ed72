// Library page: save the mail opt-in as soon as the box is ticked or unticked. (Deleting asks
// first through app.js, like every form with data-confirm.)
(function () {
  "use strict";
  var box = document.getElementById("library-subscribed");
  if (box && box.form) {
    box.addEventListener("change", function () {
      box.form.submit();
    });
  }
})();
