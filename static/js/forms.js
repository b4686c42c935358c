// Forms, progressively enhanced (templates/includes/form_fields.html); without this file they work
// as they are: every field visible, the summary's links jump to their field.
(function () {
  "use strict";

  // A field that applies only for some values of another (staff and turnover for companies) is
  // hidden while it does not apply.
  function applyDependencies() {
    document.querySelectorAll("[data-applies-field]").forEach(function (field) {
      var other = document.getElementById(field.dataset.appliesField);
      if (!other) return;
      var values = field.dataset.appliesValues.split(" ");
      var update = function () { field.hidden = values.indexOf(other.value) === -1; };
      other.addEventListener("change", update);
      update();
    });
  }

  // The error summary's links move the focus into their field, not only the view (GOV.UK).
  function focusFromSummary(event) {
    var link = event.target.closest("a[data-focus]");
    if (!link) return;
    var input = document.getElementById(link.dataset.focus);
    if (!input) return;
    event.preventDefault();
    input.scrollIntoView({ block: "center" });
    input.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", applyDependencies);
  document.addEventListener("click", focusFromSummary);
})();
