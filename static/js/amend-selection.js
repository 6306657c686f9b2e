"use strict";
// Proposing an amendment by selecting words on the rendered text (templates/deliberation/deliverable/
// _text.html and _amendment_form.html). While words of one section are selected, that section's button
// "Propose new wording for the selected words" shows; pressing it (mouse or keyboard) puts the words in the
// form, with where they are in the section's text as the page shows it (the server finds them in the
// Markdown), chooses them as the passage, copies them into the new wording to edit, and moves the focus
// there. Without this script, paragraphs and whole sections are picked in the form.
(function () {
  let chosen = null;  // the last selection within one section: {key, start, end, text}

  function sectionOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("[data-amend-section]") : null;
  }

  function withinOneSection(selection) {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const body = sectionOf(range.startContainer);
    if (!body || sectionOf(range.endContainer) !== body) return null;
    const text = range.toString();
    if (!text.trim()) return null;
    // Offsets count the characters of the section's text as the page shows it (its textContent).
    const before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    const offset = before.toString().length;
    return { key: body.dataset.amendSection, start: offset, end: offset + text.length, text: text };
  }

  function showButtonFor(key) {
    for (const holder of document.querySelectorAll("[data-amend-selected]")) {
      holder.hidden = holder.dataset.amendSelected !== key;
    }
  }

  function use(form) {
    if (!chosen) return;
    const field = (name) => form.querySelector("[name='" + name + "']");
    field("selection_key").value = chosen.key;
    field("selection_start").value = String(chosen.start);
    field("selection_end").value = String(chosen.end);
    field("selection_text").value = chosen.text;
    const choice = form.querySelector("[data-selection-choice]");
    choice.hidden = false;
    choice.querySelector("[data-selection-quote]").textContent = chosen.text.trim();
    choice.querySelector("input[type=radio]").checked = true;
    const wording = field("proposed_text");
    if (!wording.value.trim()) wording.value = chosen.text.trim();
    form.querySelector("[data-selection-status]").textContent = form.dataset.chosen.replace("%(words)s", chosen.text.trim());
    wording.scrollIntoView({ block: "center" });
    wording.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form[data-amendment-form]");
    if (!form) return;
    document.addEventListener("selectionchange", function () {
      const found = withinOneSection(document.getSelection());
      if (found) {
        chosen = found;
        showButtonFor(found.key);
      }
    });
    for (const holder of document.querySelectorAll("[data-amend-selected]")) {
      const button = holder.querySelector("button");
      // Keep the selection when the mouse presses the button; the click then uses it.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => use(form));
    }
  });
})();
