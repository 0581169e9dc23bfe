// Journey pages: the copy button next to a readonly textarea. Without JavaScript the button
// stays hidden and the text can be selected and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentElement.querySelector(".copy-status");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { if (status) status.textContent = button.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); document.execCommand("copy"); done(); });
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    });
  });
})();
