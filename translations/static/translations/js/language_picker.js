/*
 * The editor's language picker, after wagtail-modeltranslation has built it
 * (language_toggles.js): each button names its language in its own script and says
 * whether this page has text in it (complete / partial / empty); the source language
 * (the one whose title is required) comes first and is always shown, with the
 * editor's own language. Without JavaScript every language's fields stay visible.
 * The label is drawn from data-label by language_picker.css.
 */
$(function () {
  const config = JSON.parse(document.getElementById("sid-language-picker").textContent);
  const picker = document.querySelector(".locale-picker");
  if (!picker) return;
  const heading = picker.querySelector("h2");
  if (heading) heading.textContent = config.heading;

  const suffix = (code) => "_" + code.replace("-", "_");
  const sourceLabel = document.querySelector("label[for^='id_title_'] .w-required-mark");
  const source = sourceLabel ? sourceLabel.closest("label").htmlFor.slice("id_title_".length).replace("_", "-") : null;

  function state(code) {
    const fields = Array.from(
      document.querySelectorAll("#page-edit-form input[type=text][name], #page-edit-form textarea[name]")
    ).filter((field) => field.name.endsWith(suffix(code)) && !field.name.startsWith("slug_"));
    const filled = fields.filter((field) => field.value.trim() !== "").length;
    if (!fields.length || filled === 0) return "empty";
    return filled === fields.length ? "complete" : "partial";
  }

  const list = picker.querySelector("ul.locales");
  picker.querySelectorAll("button.locale-toggle").forEach((button) => {
    const code = button.textContent.trim();
    const info = config.languages[code];
    if (!info) return;
    const status = state(code);
    // The button's text stays the code: language_toggles.js reads it back (inline panels).
    // What people see and hear is the label, drawn by CSS and given as the accessible name.
    const label = info.name + " (" + config.states[status] + (code === source ? ", " + config.source : "") + ")";
    button.dataset.label = label;
    button.dataset.state = status;
    button.setAttribute("aria-label", label);
    if (code === source && list) list.prepend(button.closest("li"));
    // Open on the source language and the editor's own language, whatever was stored.
    if ((code === source || code === config.editor) && !button.classList.contains("showing-locale")) {
      button.click();
    }
  });
});
