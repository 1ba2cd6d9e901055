// Keyboard shortcuts for the moderation queue and review (progressive enhancement: every
// action is also a plain button or link). A single key acts only when no form field has the
// focus and no modifier is held, so typing, screen readers' own keys and the browser's
// shortcuts are never taken over. No accesskey attributes are used.
(function () {
  "use strict";

  function inField(element) {
    if (!element) return false;
    if (element.isContentEditable) return true;
    return ["INPUT", "TEXTAREA", "SELECT"].indexOf(element.tagName) !== -1;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (inField(document.activeElement)) return;
    var key = (event.key || "").toLowerCase();
    if (key === "r") {
      var firstReason = document.querySelector("#reject-reasons input[type=radio]");
      if (firstReason) {
        event.preventDefault();
        var checked = document.querySelector("#reject-reasons input[type=radio]:checked");
        (checked || firstReason).focus();
      }
      return;
    }
    var target = document.querySelector('[data-shortcut="' + key + '"]');
    if (!target) return;
    event.preventDefault();
    if (target.tagName === "SUMMARY") {
      var details = target.parentElement;
      details.open = true;
      var field = details.querySelector("input:not([type=hidden]), textarea");
      if (field) field.focus();
      return;
    }
    target.click();
  });

  // "Select all on this page" becomes a checkbox in the table's header.
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name="item"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
})();
