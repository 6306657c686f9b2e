"use strict";
// Drafting the deliverable (templates/deliberation/deliverable/edit.html): sections are added, moved up and
// down, and removed in place, and one save makes one version of them all. The order on the screen is the
// order saved: the position numbers, which the form needs without this script, are kept in step and hidden.
// A status line tells screen reader users what each button did; focus stays on the button pressed.
(function () {
  function setUp(form) {
    const list = form.querySelector("[data-sections]");
    const template = form.querySelector("template[data-new-section]");
    const total = form.querySelector("input[name$='-TOTAL_FORMS']");
    const status = form.querySelector("[data-section-status]");
    const strings = form.dataset;
    if (!list || !template || !total) return;

    const sections = () => [...list.querySelectorAll("[data-section]")];
    const headingOf = (section) => section.querySelector("input[name$='-heading']");
    const nameOf = (section) => (headingOf(section).value.trim() || strings.newSection);
    const say = (text) => { status.textContent = text; };

    function refresh() {
      sections().forEach((section, index) => {
        const position = section.querySelector("input[name$='-ORDER']");
        if (position) position.value = index + 1;
        // The buttons say which section they move ("Move up: Hastighed"), starting with the words shown.
        for (const button of section.querySelectorAll("button[data-move]")) {
          button.setAttribute("aria-label", button.textContent.trim() + ": " + nameOf(section));
        }
        const remove = section.querySelector("input[name$='-DELETE']");
        section.classList.toggle("section-removed", Boolean(remove && remove.checked));
      });
    }

    function prepare(section) {
      for (const field of section.querySelectorAll(".section-position-field")) field.hidden = true;
      section.querySelector("[data-section-moves]").hidden = false;
    }

    function add() {
      const index = Number(total.value);
      const fragment = template.content.cloneNode(true);
      for (const element of fragment.querySelectorAll("[name], [id], [for], [aria-describedby]")) {
        for (const attribute of ["name", "id", "for", "aria-describedby"]) {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replaceAll("__prefix__", String(index)));
        }
      }
      const section = fragment.querySelector("[data-section]");
      list.appendChild(fragment);
      total.value = String(index + 1);
      prepare(section);
      refresh();
      headingOf(section).focus();
      say(strings.added.replace("%(number)s", String(sections().length)));
    }

    function move(button) {
      const section = button.closest("[data-section]");
      const up = button.dataset.move === "up";
      const neighbour = up ? section.previousElementSibling : section.nextElementSibling;
      if (!neighbour) {
        say((up ? strings.first : strings.last).replace("%(name)s", nameOf(section)));
        return;
      }
      list.insertBefore(section, up ? neighbour : neighbour.nextElementSibling);
      refresh();
      button.focus();
      say(strings.moved.replace("%(name)s", nameOf(section))
        .replace("%(number)s", String(sections().indexOf(section) + 1))
        .replace("%(count)s", String(sections().length)));
    }

    for (const hint of form.querySelectorAll(".section-position-hint")) hint.hidden = true;
    sections().forEach(prepare);
    refresh();
    form.querySelector("[data-add-section]").addEventListener("click", (event) => {
      event.preventDefault();
      add();
    });
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move]");
      if (button) move(button);
    });
    list.addEventListener("input", refresh);
    list.addEventListener("change", refresh);
    form.addEventListener("submit", refresh);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("form[data-section-editor]")) setUp(form);
  });
})();
