/* The draft timetable's drag and drop (templates/events/conference/_grid_row.html): drag a
   talk (a row of the talks to place, or a talk of the grid) onto a free cell; the drop posts
   the room, day, start and end (start + the talk's duration) to the talk's placement page,
   which checks it as the form does. A refusal is shown on the page (role="alert"); a placement
   reloads the timetable. The "Place" form stays the keyboard alternative. No inline script:
   the page's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var dragged = null;

  function board() {
    return document.querySelector("[data-timetable-board]");
  }

  function addMinutes(hhmm, minutes) {
    var parts = hhmm.split(":");
    var total = parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10) + minutes;
    if (total >= 24 * 60) {
      total = 24 * 60 - 1;
    }
    var hours = Math.floor(total / 60);
    var rest = total % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function say(text, refused) {
    var alert = document.getElementById("timetable-message");
    alert.textContent = text;
    alert.classList.toggle("error", refused);
    alert.hidden = false;
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("[data-place-url]");
    if (!item || !board()) {
      return;
    }
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-place-url"));
  });

  document.addEventListener("dragend", function () {
    dragged = null;
    var over = document.querySelectorAll("td.slot.drop-over");
    for (var i = 0; i < over.length; i++) {
      over[i].classList.remove("drop-over");
    }
  });

  document.addEventListener("dragover", function (event) {
    var slot = event.target.closest && event.target.closest("td.slot");
    if (slot && dragged) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      slot.classList.add("drop-over");
    }
  });

  document.addEventListener("dragleave", function (event) {
    var slot = event.target.closest && event.target.closest("td.slot");
    if (slot) {
      slot.classList.remove("drop-over");
    }
  });

  document.addEventListener("drop", function (event) {
    var slot = event.target.closest && event.target.closest("td.slot");
    if (!slot || !dragged) {
      return;
    }
    event.preventDefault();
    slot.classList.remove("drop-over");
    var item = dragged;
    dragged = null;
    var start = slot.getAttribute("data-start");
    var body = new URLSearchParams();
    body.set("room", slot.getAttribute("data-room"));
    body.set("day", slot.getAttribute("data-day"));
    body.set("start", start);
    body.set("end", addMinutes(start, parseInt(item.getAttribute("data-duration"), 10)));
    var root = board();
    say(root.getAttribute("data-saving"), false);
    fetch(item.getAttribute("data-place-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": root.getAttribute("data-csrf"),
        "X-Timetable-Drop": "1",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: body.toString()
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) {
          window.location.reload();
        } else {
          say((answer.errors || []).join(" ") || root.getAttribute("data-refused"), true);
        }
      });
    }).catch(function () {
      say(root.getAttribute("data-refused"), true);
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-show-rows]");
    if (!button) {
      return;
    }
    var rows = document.getElementById(button.getAttribute("data-show-rows"));
    rows.hidden = !rows.hidden;
    button.setAttribute("aria-expanded", rows.hidden ? "false" : "true");
  });
})();
