// Answers to suggestions: a live character counter under the reason (the limit is said in
// words before typing; the server checks it and keeps what was typed). Works for answer blocks
// swapped in by htmx too (delegated). The page works without this file.
(function () {
  "use strict";
  function update(area) {
    var out = document.getElementById(area.getAttribute("data-counter"));
    if (!out) return;
    var limit = parseInt(area.getAttribute("data-limit"), 10);
    var count = area.value.length;
    var over = count > limit;
    var text = out.getAttribute(over ? "data-over" : "data-text") || "";
    out.textContent = text.replace("COUNT", String(count));
    out.classList.toggle("answer__counter--over", over);
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("textarea[data-counter]")) update(target);
  });
})();
