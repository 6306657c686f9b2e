"use strict";
// The error summary of a form with errors (templates/includes/error_summary.html) takes focus when the page
// loads, so a keyboard or screen reader user starts there (WCAG 3.3.1). A link to an input only scrolls to
// it; here each link moves focus to its field and brings the field's label or legend into view with it.
(function () {
  function labelOf(field) {
    const group = field.closest("fieldset");
    const legend = group && group.querySelector("legend");
    if (legend && (field.type === "radio" || field.type === "checkbox")) return legend;
    return (field.labels && field.labels[0]) || legend || field;
  }

  function follow(event) {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    labelOf(field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  }

  function focusSummary(root) {
    const summary = root.nodeType === Node.ELEMENT_NODE && root.matches("[data-error-summary]") ? root : root.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.addEventListener("click", follow);
    if (!summary.contains(document.activeElement)) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => focusSummary(document));
  } else {
    focusSummary(document);
  }
  // A form swapped in by htmx (a rating, say) brings its own summary.
  document.addEventListener("htmx:load", (event) => {
    if (event.target !== document.body) focusSummary(event.target);
  });
})();
