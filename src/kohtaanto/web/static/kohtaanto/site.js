// Kohtaanto: tiny progressive enhancement. Every page works without this file.
// The CSRF token for htmx requests is sent with hx-headers on <body> (see base.html).
(function () {
  "use strict";
  if (window.htmx) {
    // Never keep copies of pages (they may hold personal data) in localStorage.
    window.htmx.config.historyCacheSize = 0;
    window.htmx.config.refreshOnHistoryMiss = true;
    // No inline <style> injection (keeps a strict Content-Security-Policy possible).
    window.htmx.config.includeIndicatorStyles = false;
  }
})();
