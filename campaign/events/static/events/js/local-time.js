// Progressive enhancement: add the visitor's own local time next to each event time.
// Without JavaScript the event's own time zone and UTC offset are shown (server-rendered).
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var lang = document.documentElement.lang || undefined;
  var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  } catch (error) {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
  document.querySelectorAll("time[data-local-time]").forEach(function (node) {
    if (node.dataset.zone === visitorZone) { return; }
    var moment = new Date(node.getAttribute("datetime"));
    if (isNaN(moment.getTime())) { return; }
    var extra = document.createElement("span");
    extra.className = "event-local-time";
    extra.textContent = " " + (node.dataset.label || "") + " " + format.format(moment);
    node.insertAdjacentElement("afterend", extra);
  });
})();
