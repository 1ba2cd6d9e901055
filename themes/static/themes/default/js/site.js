// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

// Wide screens have room for the library's filters beside the results: open the disclosure.
if (window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) {
  document.querySelectorAll("details.library__filter-panel").forEach(function (panel) { panel.open = true; });
}
