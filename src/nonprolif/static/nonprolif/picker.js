/* Pickers (core/web/picker.py): a click on a search result makes it the choice (a radio
   button) or adds it to the choices (a checkbox); Enter in the search box searches instead
   of submitting the form. No inline script: the page's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  function pick(button) {
    var picker = button.closest("[data-picker]");
    var chosen = picker.querySelector("[data-picker-chosen]");
    var multiple = picker.hasAttribute("data-picker-multiple");
    var value = button.getAttribute("data-value");
    var inputs = chosen.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value === value) {
        inputs[i].checked = true;
        return;
      }
    }
    var item = document.createElement("li");
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = multiple ? "checkbox" : "radio";
    input.name = picker.getAttribute("data-picker-name");
    input.value = value;
    input.checked = true;
    label.append(input, " " + button.getAttribute("data-label"));
    item.append(label);
    if (!multiple) {
      chosen.replaceChildren();
    } else {
      var none = chosen.querySelector(".picker-none");
      if (none) {
        none.remove();
      }
    }
    chosen.append(item);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-picker] .picker-results button[data-value]");
    if (button) {
      event.preventDefault();
      pick(button);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-picker] input[type=search]")) {
      event.preventDefault();
      if (window.htmx) {
        window.htmx.trigger(event.target, "search");
      }
    }
  });
})();
