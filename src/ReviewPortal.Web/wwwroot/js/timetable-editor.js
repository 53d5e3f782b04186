// The timetable editor without reloads: drag an item onto a cell (move) or onto another item (swap, as two moves),
// or do the same with the keyboard (Enter picks up, arrows choose, Enter drops, Escape cancels). Each move is the
// API's PUT with the version the page holds (same origin, JSON body: no antiforgery token, docs/api.md); the answer's
// version and warnings are shown at once. A 409 changes nothing on the page and says to reload.
// Without JavaScript each item's move form posts to the page, which sends the same command.
(function () {
  "use strict";
  var grid = document.getElementById("timetable");
  if (!grid || !window.fetch) return;
  var track = grid.dataset.track;
  var status = document.getElementById("tt-status");
  var picked = null;   // the item being moved with the keyboard
  var target = null;   // the cell or item it would be dropped on
  var busy = false;

  function say(text) { status.textContent = text; }
  function items() { return Array.prototype.slice.call(document.querySelectorAll(".tt-item")); }
  function rows() {
    return Array.prototype.slice.call(grid.tBodies[0].rows).map(function (row) {
      return Array.prototype.slice.call(row.querySelectorAll("td.tt-cell"));
    }).filter(function (cells) { return cells.length > 0; });
  }
  function cellOf(el) { return el && el.closest ? el.closest("td.tt-cell") : null; }

  function put(item, room, start) {
    return fetch("/api/v1/tracks/" + track + "/timetable/slots/" + item.dataset.proposal, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ room: room, start: start, version: parseInt(grid.dataset.version, 10) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 409) throw new Error("Someone else changed the timetable; reload the page to see their change (yours was not saved).");
        if (!response.ok) {
          var errors = body.errors ? Object.keys(body.errors).map(function (k) { return body.errors[k].join(" "); }).join(" ") : "";
          throw new Error(errors || body.detail || body.title || ("Not saved (" + response.status + ")"));
        }
        return body;
      });
    }).then(function (body) {
      grid.dataset.version = body.version;
      document.querySelectorAll("input[name=version]").forEach(function (input) { input.value = body.version; });
      return body;
    });
  }

  function place(item, cell) {
    var tdStart = cell.dataset.start;
    item.dataset.room = cell.dataset.room;
    item.dataset.start = tdStart;
    if (item.tagName === "LI") { // from the unplaced list: it becomes a grid item
      var div = document.createElement("div");
      div.draggable = true;
      div.className = item.className;
      Object.keys(item.dataset).forEach(function (k) { div.dataset[k] = item.dataset[k]; });
      while (item.firstChild) div.appendChild(item.firstChild);
      item.parentNode.removeChild(item);
      item = div;
    }
    cell.appendChild(item);
    return item;
  }

  function showWarnings(warnings) {
    items().forEach(function (it) {
      var list = it.querySelector(".tt-warnings");
      if (list) list.textContent = "";
      it.classList.remove("tt-warn");
    });
    var violations = document.getElementById("tt-violations");
    if (violations) violations.textContent = "";
    warnings.forEach(function (w) {
      if (violations) { var li = document.createElement("li"); li.textContent = w.message; violations.appendChild(li); }
      (w.proposalIds || []).forEach(function (id) {
        var it = document.querySelector(".tt-item[data-proposal='" + id + "']");
        if (!it) return;
        it.classList.add("tt-warn");
        var entry = document.createElement("li");
        entry.textContent = w.message;
        it.querySelector(".tt-warnings").appendChild(entry);
      });
    });
    say(warnings.length === 0 ? "Saved; no hard rule is broken." : "Saved, with " + warnings.length + " warning(s): " +
      warnings.map(function (w) { return w.message; }).join(" "));
  }

  // Onto a cell: a move. Onto an item: a swap, done as two moves (the first may warn of an overlap the second ends).
  function drop(item, onto) {
    if (busy || !onto || onto === item) return;
    busy = true;
    var ontoItem = onto.classList.contains("tt-item") ? onto : null;
    var cell = ontoItem ? cellOf(ontoItem) : onto;
    if (!cell) { busy = false; return; }
    var from = item.dataset.start ? { room: item.dataset.room, start: item.dataset.start, cell: cellOf(item) } : null;
    var toRoom = ontoItem ? ontoItem.dataset.room : cell.dataset.room;
    var toStart = ontoItem ? ontoItem.dataset.start : cell.dataset.start;
    say("Saving…");
    put(item, toRoom, toStart).then(function (body) {
      var moved = place(item, cell);
      moved.dataset.start = toStart;
      if (!ontoItem || !from || !from.cell) return body;
      return put(ontoItem, from.room, from.start).then(function (second) {
        place(ontoItem, from.cell).dataset.start = from.start;
        return second;
      });
    }).then(function (body) { showWarnings(body.warnings || []); })
      .catch(function (error) { say(error.message); })
      .then(function () { busy = false; });
  }

  // Dragging with the mouse or a touch screen's HTML5 drag and drop.
  var dragged = null;
  document.addEventListener("dragstart", function (e) {
    var item = e.target.closest && e.target.closest(".tt-item");
    if (!item) return;
    dragged = item;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", item.dataset.proposal);
  });
  grid.addEventListener("dragover", function (e) {
    if (!dragged) return;
    var over = e.target.closest(".tt-item") || cellOf(e.target);
    if (!over) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
  });
  grid.addEventListener("drop", function (e) {
    if (!dragged) return;
    e.preventDefault();
    var onto = e.target.closest(".tt-item") || cellOf(e.target);
    var item = dragged;
    dragged = null;
    drop(item, onto);
  });
  document.addEventListener("dragend", function () { dragged = null; });

  // The keyboard: the item's button picks it up; the arrows move a highlight over the grid's cells.
  function setTarget(el) {
    if (target) target.classList.remove("tt-target");
    target = el;
    if (!el) return;
    el.classList.add("tt-target");
    el.focus();
    var occupant = el.querySelector(".tt-item:not(.tt-picked)");
    say(el.getAttribute("aria-label") + (occupant ? ": swap with " + occupant.dataset.title : ": free") + ". Enter drops, Escape cancels.");
  }
  function cancel(message) {
    if (picked) picked.classList.remove("tt-picked");
    var back = picked && picked.querySelector(".tt-pick");
    picked = null;
    setTarget(null);
    if (back) back.focus();
    if (message) say(message);
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.tt-pick");
    if (!button) return;
    var item = button.closest(".tt-item");
    if (picked === item) { cancel("Cancelled."); return; }
    if (picked) cancel();
    picked = item;
    item.classList.add("tt-picked");
    var start = cellOf(item) || rows()[0] && rows()[0][0];
    if (start) { target = null; setTarget(start); }
    say("Picked up " + item.dataset.title + ". Use the arrow keys to choose a place, Enter to drop it there, Escape to cancel.");
  });
  document.addEventListener("keydown", function (e) {
    if (!picked) return;
    if (e.key === "Escape") { e.preventDefault(); cancel("Cancelled."); return; }
    var grid2 = rows();
    if (!target) return;
    var r = -1, c = -1;
    grid2.forEach(function (cells, i) { var j = cells.indexOf(target); if (j >= 0) { r = i; c = j; } });
    if (r < 0) return;
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      e.preventDefault();
      var nr = Math.max(0, Math.min(grid2.length - 1, r + moves[e.key][0]));
      var row = grid2[nr];
      setTarget(row[Math.max(0, Math.min(row.length - 1, c + moves[e.key][1]))]);
    } else if (e.key === "Enter") {
      e.preventDefault();
      var item = picked;
      var occupant = target.querySelector(".tt-item:not(.tt-picked)");
      var onto = occupant || target;
      cancel();
      drop(item, onto);
    }
  }, true);
})();
