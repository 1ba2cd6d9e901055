/* Inside an embed: tell the page around it how tall the content is (postMessage).
   The host page's /embed.js listens; without it nothing happens and the frame scrolls. */
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) {
      return;
    }
    last = height;
    // The height is not a secret: any page framing the embed may read it.
    window.parent.postMessage({ type: "sid-embed-height", height: height, href: location.href }, "*");
  }
  send();
  window.addEventListener("load", send);
  if ("ResizeObserver" in window) {
    new ResizeObserver(send).observe(document.documentElement);
  } else {
    window.addEventListener("resize", send);
  }
})();
