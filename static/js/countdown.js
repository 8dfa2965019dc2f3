// The live room's countdown: the seconds left to the speaker, from the end time the
// server sent (data-countdown-end, ISO 8601). The visible number changes every second
// and is hidden from screen readers; a polite live region says it at most every 10 s.
(function () {
  "use strict";
  var ANNOUNCE_EVERY = 10;
  var lastAnnounced = null;

  function tick() {
    var box = document.querySelector("[data-countdown-end]");
    if (!box) { lastAnnounced = null; return; }
    var end = Date.parse(box.getAttribute("data-countdown-end"));
    if (isNaN(end)) { return; }
    var left = Math.round((end - Date.now()) / 1000);
    var shown = box.querySelector("[data-countdown-value]");
    // The words come from the page (translated there): "%s" stands for the seconds.
    var over = box.getAttribute("data-countdown-over") || "-%s s";
    var text = left >= 0 ? left + " s" : over.replace("%s", String(-left));
    if (shown) { shown.textContent = text; }
    box.classList.toggle("countdown-over", left < 0);
    var announce = document.querySelector("[data-countdown-announce]");
    var now = Date.now();
    if (announce && (lastAnnounced === null || now - lastAnnounced >= ANNOUNCE_EVERY * 1000)) {
      announce.textContent = (box.getAttribute("data-countdown-label") || "") + " " + text;
      lastAnnounced = now;
    }
  }

  tick();
  window.setInterval(tick, 1000);
})();
