// One-click bids without a reload: the form's button posts the bid to the API with the sign-in cookie (same origin,
// JSON body, so no antiforgery token is needed: docs/api.md), then the row and the counts are updated in place.
// Without JavaScript the same buttons post their form to the page.
(function () {
  "use strict";
  var labels = { Eager: "Eager", Willing: "Willing", Neutral: "Neutral", NotWilling: "Not willing", Conflict: "Conflict" };
  document.querySelectorAll("form.bid-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.value || !window.fetch) return;
      event.preventDefault();
      var status = form.querySelector(".bid-status");
      status.textContent = "Saving…";
      fetch("/api/v1/proposals/" + form.dataset.proposal + "/bid", {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ bid: button.value })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) throw new Error(body.detail || body.title || ("Not saved (" + response.status + ")"));
          return body;
        });
      }).then(function (body) {
        if (body.conflicted) { window.location.reload(); return; } // the row now shows only the title
        form.querySelectorAll("button.bid-button").forEach(function (b) {
          b.setAttribute("aria-pressed", b.value === body.bid ? "true" : "false");
        });
        Object.keys(body.myCounts || {}).forEach(function (key) {
          var badge = document.querySelector("[data-count='" + key + "']");
          if (badge) badge.textContent = (labels[key] || key) + ": " + body.myCounts[key];
        });
        status.textContent = "Saved";
      }).catch(function (error) {
        status.textContent = error.message;
      });
    });
  });
})();
