// Quick exit: leave at once for a neutral page, replacing this page in the history so that
// "Back" does not come back here. Without JavaScript the link still leaves (a plain link).
(function () {
  if (window.sidQuickExit) return; // the include may appear more than once on a page
  window.sidQuickExit = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-quick-exit]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    document.documentElement.style.visibility = "hidden"; // nothing stays on screen meanwhile
    window.location.replace(link.href);
  });
})();
