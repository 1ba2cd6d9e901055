// "Copy" buttons beside the story code and link (progressive enhancement: the buttons stay
// hidden where the browser cannot copy; the code and link are plain text anyway).
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var status = document.querySelector(".story-copied");
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied-message");
      });
    });
  });
})();
