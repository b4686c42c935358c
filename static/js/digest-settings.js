// The digest settings' search (docs/daily-work.md): progressive enhancement. Without
// JavaScript every list is there to tick; with it, typing narrows the segments, groups, projects
// and countries to those whose name contains the text, and opens the regions that hold a match.
(function () {
  "use strict";
  const box = document.querySelector(".choice-search");
  const lists = document.getElementById("followed-choices");
  if (!box || !lists) return;
  box.hidden = false;
  const input = box.querySelector("input");
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  input.addEventListener("input", () => {
    const wanted = fold(input.value.trim());
    lists.querySelectorAll("label").forEach((label) => {
      label.hidden = wanted !== "" && !fold(label.textContent).includes(wanted);
    });
    lists.querySelectorAll("details.choice-region").forEach((region) => {
      const match = region.querySelector("label:not([hidden])");
      region.hidden = wanted !== "" && !match;
      if (wanted !== "" && match) region.open = true;
    });
  });
})();
