"use strict";
// Recording a review step: the route select holds one group of stops per deliverable under review,
// named by its committee. Once a deliverable is chosen, only its own route is shown and can be chosen.
// Without this script the groups stay visible with their names, and the server refuses a stop that is
// not on the chosen deliverable's route.
(function () {
  function narrow() {
    const deliverable = document.getElementById("id_deliverable");
    const route = document.getElementById("id_route_entry");
    if (!deliverable || !route || !route.querySelector("optgroup")) return;
    const chosen = deliverable.options[deliverable.selectedIndex];
    const name = chosen && chosen.value ? chosen.text.trim() : "";
    for (const group of route.querySelectorAll("optgroup")) {
      const own = !name || group.label === name;
      group.hidden = !own;
      group.disabled = !own;
      if (!own && group.contains(route.options[route.selectedIndex])) route.value = "";
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    narrow();
    const deliverable = document.getElementById("id_deliverable");
    if (deliverable) deliverable.addEventListener("change", narrow);
  });
})();
