"use strict";
// A button with data-print opens the browser's print dialogue (no inline script: the CSP forbids it).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
