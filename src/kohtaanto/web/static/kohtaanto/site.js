// Kohtaanto: tiny progressive enhancement. Every page works without this file.
// The CSRF token for htmx requests is sent with hx-headers on <body> (see base.html).
// htmx's own settings are in <meta name="htmx-config"> in base.html (read before htmx starts):
// no page copies in localStorage (pages may hold personal data), no injected indicator
// <style>, no eval and no <script> in swapped fragments (a strict Content-Security-Policy).
(function () {
  "use strict";
  if (window.htmx) {
    // The same settings again, in case a page is rendered without the base template's meta.
    window.htmx.config.historyCacheSize = 0;
    window.htmx.config.refreshOnHistoryMiss = true;
    window.htmx.config.includeIndicatorStyles = false;
    window.htmx.config.allowEval = false;
    window.htmx.config.allowScriptTags = false;
  }
})();
