// The story form without surprises (progressive enhancement; the form works without it):
// the parent's email field appears only when the chosen age and country need it, and says
// why before anything is sent. Without JavaScript the field stays visible with the rule.
(function () {
  "use strict";
  var box = document.querySelector("[data-parent-email]");
  if (!box) return;
  var form = box.closest("form");
  var ages = JSON.parse(box.getAttribute("data-consent-ages") || "{}");
  var minimum = JSON.parse(box.getAttribute("data-band-minimum") || "{}");
  var defaultAge = parseInt(box.getAttribute("data-default-age"), 10) || 13;
  var needed = box.querySelector("[data-parent-needed]");
  var template = box.querySelector("template[data-needed-message]");
  var country = form.querySelector("select[name=country]");
  var input = box.querySelector("input[type=email]");

  function update() {
    var band = form.querySelector("input[name=age_band]:checked");
    var code = country ? country.value : "";
    if (!band || !code) {
      box.hidden = !box.classList.contains("story-form__field--error") && !(input && input.value);
      return;
    }
    var consentAge = ages[code] || defaultAge;
    var need = minimum[band.value] < consentAge;
    box.hidden = !need;
    if (need && template && needed) {
      var name = country.options[country.selectedIndex].text;
      var text = template.content ? template.content.textContent : template.textContent;
      needed.textContent = text.trim().replace("__AGE__", String(consentAge)).replace("__COUNTRY__", name);
      needed.hidden = false;
      box.querySelectorAll("[data-parent-rule], [data-parent-countries]").forEach(function (el) {
        el.hidden = true;
      });
    }
  }

  form.addEventListener("change", update);
  update();
})();
