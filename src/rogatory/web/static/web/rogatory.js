// Move keyboard and screen-reader focus to the error summary when a form comes back with errors.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = (root || document).querySelector("#error-summary");
    if (summary) {
      summary.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "transition-panel") {
      var first = target.querySelector("h2");
      if (first) {
        first.setAttribute("tabindex", "-1");
        first.focus();
      }
    }
  });
})();
