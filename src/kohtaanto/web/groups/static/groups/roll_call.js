// The roll call keeps working when the network drops. Every change is kept on this device
// (localStorage, under the session's id: participant ids and marks only, no names) and sent
// with one POST; when sending fails the marks stay and are sent again when the browser is
// back online (the "online" event) or on the next retry. The server endpoint is idempotent,
// so sending the same marks twice is harmless. Without this script the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("roll-call");
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var key = "kohtaanto-roll-call-" + form.getAttribute("data-session");
  var status = document.getElementById("roll-call-status");
  var RETRY_MS = 10000;
  var sending = false;
  var again = false;
  var timer = null;

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function currentMarks() {
    var marks = {};
    var inputs = form.querySelectorAll("input[type=radio]:checked");
    for (var i = 0; i < inputs.length; i += 1) {
      marks[inputs[i].name] = inputs[i].value;
    }
    return marks;
  }

  // The summary line ("4 members · Present 3 · Absent 1") follows the marks on the page.
  function tally() {
    var summary = document.getElementById("roll-call-summary");
    if (!summary) {
      return;
    }
    var parts = summary.querySelectorAll("[data-mark]");
    for (var i = 0; i < parts.length; i += 1) {
      var value = parts[i].getAttribute("data-mark");
      var count = form.querySelectorAll(
        "input[type=radio][value='" + value + "']:checked"
      ).length;
      parts[i].querySelector(".roll-call-summary__count").textContent = String(count);
      parts[i].hidden = count === 0;
    }
  }

  function show(text, state) {
    status.textContent = text;
    form.setAttribute("data-state", state);
  }

  function keep(marks) {
    var store = storage();
    if (store) {
      store.setItem(key, JSON.stringify(marks));
    }
  }

  function pending() {
    var store = storage();
    var value = store ? store.getItem(key) : null;
    if (!value) {
      return null;
    }
    try {
      return JSON.parse(value);
    } catch (e) {
      store.removeItem(key);
      return null;
    }
  }

  function forget(sent) {
    var store = storage();
    if (store && store.getItem(key) === JSON.stringify(sent)) {
      store.removeItem(key);
    }
  }

  function retryLater() {
    if (timer === null) {
      timer = window.setTimeout(function () {
        timer = null;
        send();
      }, RETRY_MS);
    }
  }

  function send() {
    var marks = pending();
    if (!marks) {
      return;
    }
    if (sending) {
      again = true;
      return;
    }
    if (navigator.onLine === false) {
      show(form.getAttribute("data-offline"), "offline");
      return; // the "online" event sends them
    }
    sending = true;
    show(form.getAttribute("data-saving"), "saving");
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    Object.keys(marks).forEach(function (name) {
      body.append(name, marks[name]);
    });
    window
      .fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (response.status >= 500) {
          throw new Error("server");
        }
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        sending = false;
        if (result.ok) {
          forget(marks);
          show(form.getAttribute("data-saved"), "saved");
        } else {
          // Refused (e.g. the session was cancelled): sending again would not help.
          forget(marks);
          show(result.data.error || form.getAttribute("data-failed"), "error");
        }
        if (again) {
          again = false;
          send();
        }
      })
      .catch(function () {
        sending = false;
        again = false;
        show(form.getAttribute("data-offline"), "offline");
        retryLater();
      });
  }

  function changed() {
    tally();
    keep(currentMarks());
    send();
  }

  // Marks left from a dropped connection: put them back on the page and send them.
  var left = pending();
  if (left) {
    Object.keys(left).forEach(function (name) {
      var input = form.querySelector(
        "input[name='" + name + "'][value='" + left[name] + "']"
      );
      if (input) {
        input.checked = true;
      }
    });
    tally();
    send();
  }

  form.addEventListener("change", changed);
  // "Mark everyone else present": rows without a mark become present, then all are sent.
  var fill = form.querySelector(".roll-call-fill");
  if (fill) {
    fill.addEventListener("click", function (event) {
      event.preventDefault();
      var rows = form.querySelectorAll(".roll-call__marks");
      for (var i = 0; i < rows.length; i += 1) {
        if (!rows[i].querySelector("input:checked")) {
          var present = rows[i].querySelector("input[value=present]");
          if (present) {
            present.checked = true;
          }
        }
      }
      changed();
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    changed();
  });
  window.addEventListener("online", send);
})();
