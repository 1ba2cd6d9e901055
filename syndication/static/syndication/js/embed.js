/* For partner sites, next to a Safer Internet Day embed: sets each embed frame's height
   from the height its content reports (postMessage). Served at /embed.js. Only messages
   from this script's own origin, and only for the frame that sent them, are used. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : null;
  if (!origin || window.sidEmbedListening) {
    return;
  }
  window.sidEmbedListening = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "sid-embed-height") {
      return;
    }
    var height = parseInt(data.height, 10);
    if (!(height > 0 && height < 20000)) {
      return;
    }
    var frames = document.querySelectorAll("iframe[data-sid-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = height + "px";
        frames[i].setAttribute("height", String(height));
      }
    }
  });
})();
