"use strict";
// Django's admin leaves some fields without an accessible name (WCAG 1.3.1, 4.1.2): the cells of a
// tabular inline (a sighted person reads the column header), the two halves of a date-and-time field
// ("Date:" and "Time:" as bare text) and the autocomplete boxes of select2. This names each from
// the words shown next to it, so a screen reader says what the screen shows. New inline rows and
// boxes made by the admin's own scripts are named as they appear.
(function () {
  let counter = 0;
  const words = (element) => (element ? element.textContent.replace(/\s+/g, " ").trim() : "");
  const withoutColon = (text) => text.replace(/:$/, "").trim();

  function idOf(element) {
    if (!element.id) element.id = "admin-name-" + ++counter;
    return element.id;
  }

  function columnHeader(field) {
    const cell = field.closest("td");
    const table = cell && cell.closest("table");
    const head = table && table.tHead && table.tHead.rows[0];
    return head ? head.cells[cell.cellIndex] || null : null;
  }

  function rowLabel(field) {
    const row = field.closest(".form-row, .fieldBox");
    return row ? row.querySelector("label") : null;
  }

  function partOfDateTime(field) {
    // The "Date:" or "Time:" text just before this half of a split date-and-time field.
    if (!field.closest("p.datetime")) return "";
    for (let node = field.previousSibling; node; node = node.previousSibling) {
      if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) return withoutColon(node.textContent.trim());
      if (node.nodeName === "INPUT") return "";
    }
    return "";
  }

  function nameField(field) {
    if (field.type === "hidden" || field.labels.length || field.hasAttribute("aria-label")
        || field.hasAttribute("aria-labelledby") || field.classList.contains("select2-search__field")) {
      return;
    }
    const label = columnHeader(field) || rowLabel(field);
    const name = [withoutColon(words(label)), partOfDateTime(field)].filter(Boolean).join(": ");
    if (name) field.setAttribute("aria-label", name);
  }

  function nameAutocomplete(box) {
    // select2 names its box by the chosen value only, which is empty until something is chosen.
    const select = box.closest(".select2") && box.closest(".select2").previousElementSibling;
    const rendered = box.querySelector(".select2-selection__rendered");
    if (!select || select.tagName !== "SELECT" || !rendered || box.dataset.named) return;
    const label = (select.labels && select.labels[0]) || columnHeader(select) || rowLabel(select);
    if (!label) return;
    const name = idOf(label) + " " + idOf(rendered);
    box.setAttribute("aria-labelledby", name);
    rendered.setAttribute("aria-labelledby", name); // select2 makes it a read-only textbox of its own
    box.dataset.named = "1";
  }

  function nameAll() {
    document.querySelectorAll("#content input, #content select, #content textarea").forEach(nameField);
    document.querySelectorAll("#content .select2-selection").forEach(nameAutocomplete);
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(nameAll).observe(document.getElementById("content") || document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
