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

// A live character counter for a long text (the story): a textarea with data-max-chars gets
// "123 / 20 000 characters" under it, linked with aria-describedby. Screen readers hear a
// polite announcement only when the text comes near the limit, goes over it or comes back,
// not on every key. Without JavaScript the limit is in the help text and the server refuses
// a longer text, keeping it in the field; nothing is ever cut.
(function () {
  "use strict";
  var NEAR = 0.9;
  var lang = document.documentElement.lang || "fi";
  var grouping = function (n) {
    try { return new Intl.NumberFormat(lang).format(n); } catch (e) { return String(n); }
  };
  var fill = function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, key) { return values[key]; });
  };
  document.querySelectorAll("textarea[data-max-chars]").forEach(function (field) {
    var max = parseInt(field.getAttribute("data-max-chars"), 10);
    if (!max) return;
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = field.id + "_counter";
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    var wrapper = field.closest(".hds-text-input__input-wrapper") || field;
    wrapper.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));
    var state = "";
    var update = function () {
      var count = field.value.length;
      var next = count > max ? "over" : count >= max * NEAR ? "near" : "ok";
      var text = fill(field.getAttribute("data-counter-text"), { count: grouping(count), max: grouping(max) });
      var extra = "";
      if (next === "over") {
        extra = fill(field.getAttribute("data-counter-over"), { over: grouping(count - max) });
      } else if (next === "near") {
        extra = fill(field.getAttribute("data-counter-near"), { left: grouping(max - count) });
      }
      counter.textContent = extra ? text + ". " + extra : text;
      counter.className = "char-counter" + (next === "ok" ? "" : " char-counter--" + next);
      if (next !== state) {
        // Announce a change of state only (the first reading is silent).
        live.textContent = state === "" ? "" : (extra || text);
        state = next;
      }
    };
    field.addEventListener("input", update);
    update();
  });
})();

// A print button (hidden without JavaScript: the browser's own print works then).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
