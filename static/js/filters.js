// The "Filters" control of the list pages (docs/daily-work.md).
// Without JavaScript it is a plain <details> in a GET form. With htmx the facets are swapped in
// with fresh counts, which would fold an open panel on a phone: keep open what was open.
(function () {
  "use strict";
  let open = [];
  document.addEventListener("htmx:beforeSwap", () => {
    open = Array.from(document.querySelectorAll("details.filters-panel[open]"), (panel) => panel.id);
  });
  document.addEventListener("htmx:afterSettle", () => {
    open.forEach((id) => {
      const panel = document.getElementById(id);
      if (panel) panel.open = true;
    });
  });
})();
