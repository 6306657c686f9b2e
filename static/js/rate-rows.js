"use strict";
// Rating in the dashboard's rows (templates/recruitment/review/dashboard.html). A row the politician may rate
// takes focus with Tab; there, typing 1 to 5 presses that score's button, and once htmx has put the new own
// and mean score in place the focus moves on to the next row they have not rated ("N" jumps there without
// rating). Keys act only on a focused row, never page-wide (WCAG 2.1.4). Pressing a button with the mouse or
// Enter keeps the focus on the row's new button. Without JavaScript the buttons post and return to the row.
(function () {
  const ROW = "tr[data-rate-row]";
  let stepping = null; // the row whose rating came from a typed digit, until its answer is in place
  let lastRow = null; // the row the politician was last in, for the "next" button

  document.addEventListener("focusin", (event) => {
    const row = event.target instanceof Element && event.target.closest(ROW);
    if (row) lastRow = row;
  });

  function rows() {
    return Array.from(document.querySelectorAll(ROW));
  }

  function nextUnrated(from) {
    const all = rows();
    const start = from ? all.indexOf(from) + 1 : 0;
    for (let i = 0; i < all.length; i++) {
      const row = all[(start + i) % all.length];
      if (row !== from && row.hasAttribute("data-unrated")) return row;
    }
    return null;
  }

  function goOn(from) {
    const row = nextUnrated(from);
    const target = row || document.querySelector("a[data-more-unrated]");
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", (event) => {
    const row = event.target;
    if (!(row instanceof HTMLElement) || !row.matches(ROW)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[1-5]$/.test(event.key)) {
      const button = row.querySelector(`button[name="score"][value="${event.key}"]`);
      if (!button) return;
      event.preventDefault();
      stepping = row;
      button.click();
    } else if (event.key === "n" || event.key === "N") {
      event.preventDefault();
      goOn(row);
    }
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    // Each swapped element settles in turn (the mean and the progress come out of band); act once, on the
    // own score's new cell.
    const cell = event.target;
    if (!(cell instanceof Element) || !cell.matches("td.own-rating")) return;
    const row = cell.closest(ROW);
    if (!row) return;
    const rated = cell.dataset.ownScore !== "";
    row.toggleAttribute("data-unrated", !rated);
    if (stepping === row && rated) {
      stepping = null;
      goOn(row);
    } else {
      const pressed = cell.querySelector("button[aria-pressed='true']") || row;
      pressed.focus();
    }
  });

  function showNextButton() {
    for (const button of document.querySelectorAll("button[data-next-unrated]")) {
      button.hidden = false;
      button.addEventListener("click", () => goOn(lastRow));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNextButton);
  } else {
    showNextButton();
  }
})();
