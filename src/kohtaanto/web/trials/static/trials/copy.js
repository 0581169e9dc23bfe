// The "Copy" button beside a link shown once (the workplace mentor's link on a trial page):
// <button data-copy="input-id" data-copied="Copied">. A static file, not an inline script,
// so the Content-Security-Policy needs no 'unsafe-inline' (config/security.py).
(function () {
  "use strict";
  function copy(button) {
    var input = document.getElementById(button.dataset.copy);
    if (!input) {
      return;
    }
    input.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(input.value);
    } else {
      document.execCommand("copy");
    }
    if (button.dataset.copied) {
      button.textContent = button.dataset.copied;
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (button) {
      copy(button);
    }
  });
})();
