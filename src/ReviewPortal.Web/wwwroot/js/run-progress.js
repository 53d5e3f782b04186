// Follows a running solver run (assignment or timetable): polls the API named by data-poll every second, moves the progress bar, and reloads the page once the
// run has finished (the page then shows the preview). Without JavaScript, <meta http-equiv=refresh> reloads instead.
(function () {
  "use strict";
  var section = document.getElementById("run-progress");
  if (!section || !window.fetch) return;
  var bar = section.querySelector("progress");
  var stage = document.getElementById("run-stage");
  function poll() {
    fetch(section.dataset.poll, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (run) {
        if (!run) { setTimeout(poll, 3000); return; }
        if (["Succeeded", "Infeasible", "Failed"].indexOf(run.status) >= 0) { window.location.reload(); return; }
        bar.value = run.progress;
        bar.textContent = Math.round(run.progress * 100) + "%";
        stage.textContent = (run.stage || "Waiting to start") + " · " + run.status;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
