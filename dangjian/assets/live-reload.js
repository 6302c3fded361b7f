// dangjian serve only (never part of a built site): reload the page once the preview
// has rebuilt what an edit changed. The server answers VERSION_URL with a number that
// grows with every finished update.
(function () {
  "use strict";
  var VERSION_URL = "/__dangjian/version";
  var INTERVAL_MS = 300;
  var seen = null;

  function poll() {
    fetch(VERSION_URL, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (version) {
        if (version === null) return;
        if (seen === null) seen = version;
        else if (version !== seen) { window.location.reload(); return; }
        window.setTimeout(poll, INTERVAL_MS);
      })
      .catch(function () { window.setTimeout(poll, INTERVAL_MS * 5); });
  }
  poll();
})();
