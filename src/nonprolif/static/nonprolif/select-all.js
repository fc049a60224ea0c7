/* Select-all boxes of list pages: a checkbox with data-select-all="NAME" ticks or clears
   every checkbox named NAME that belongs to the same form (its form= attribute included),
   and follows them (ticked when all are, mixed when some are). No inline script: the page's
   Content-Security-Policy forbids it. */
(function () {
  "use strict";

  function boxes(all) {
    var form = all.form;
    var name = all.getAttribute("data-select-all");
    if (!form) {
      return [];
    }
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.type === "checkbox" && el.name === name && !el.disabled;
    });
  }

  function follow(all) {
    var list = boxes(all);
    var ticked = list.filter(function (el) { return el.checked; }).length;
    all.checked = list.length > 0 && ticked === list.length;
    all.indeterminate = ticked > 0 && ticked < list.length;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-select-all")) {
      boxes(target).forEach(function (el) { el.checked = target.checked; });
      return;
    }
    if (target.type === "checkbox" && target.form) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-select-all]"), function (all) {
        if (all.form === target.form && all.getAttribute("data-select-all") === target.name) {
          follow(all);
        }
      });
    }
  });
})();
