/* 党建知识站: study tracks. Progress is kept in this browser's localStorage only; the
 * track data comes from tracks-data.js, a script, so that it also loads from file://. */
(function () {
  "use strict";

  var STORE = "dangjian:tracks";
  var UI = window.dangjianUI.track;
  var tracks = window.dangjianTracks || [];
  var script = document.currentScript;
  // Step URLs are relative to the site root, which is the folder above this script.
  var root = new URL("../", script ? script.src : window.location.href);

  var store = window.djStore(STORE);
  var load = store.load;
  var save = store.save;

  function doneKeys(trackId) {
    var keys = load()[trackId];
    return Array.isArray(keys) ? keys : [];
  }

  function setDone(trackId, key, done) {
    var data = load();
    var keys = (Array.isArray(data[trackId]) ? data[trackId] : []).filter(function (k) {
      return k !== key;
    });
    if (done) keys.push(key);
    data[trackId] = keys;
    save(data);
  }

  function reset(trackId) {
    var data = load();
    delete data[trackId];
    save(data);
  }

  function find(trackId) {
    for (var i = 0; i < tracks.length; i++) {
      if (tracks[i].id === trackId) return tracks[i];
    }
    return null;
  }

  function progress(track) {
    var keys = doneKeys(track.id);
    var done = track.steps.filter(function (step) {
      return keys.indexOf(step.key) >= 0;
    }).length;
    var total = track.steps.length;
    return { done: done, total: total, percent: total ? Math.round((100 * done) / total) : 0 };
  }

  function progressText(p) {
    return window.djFill(UI.progress, p);
  }

  function url(relative) {
    return new URL(relative, root).href;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Progress bars on the overview and on a track's page. */
  function showProgress() {
    document.querySelectorAll("[data-dj-progress]").forEach(function (node) {
      var track = find(node.getAttribute("data-dj-progress"));
      if (!track) return;
      var p = progress(track);
      var bar = node.querySelector("progress");
      if (bar) {
        bar.max = p.total;
        bar.value = p.done;
      }
      node.querySelector(".dj-track-progress__text").textContent = progressText(p);
    });
    document.querySelectorAll("[data-dj-track]").forEach(function (node) {
      var keys = doneKeys(node.getAttribute("data-dj-track"));
      document.querySelectorAll("[data-dj-step]").forEach(function (item) {
        var done = keys.indexOf(item.getAttribute("data-dj-step")) >= 0;
        item.classList.toggle("dj-step--done", done);
        var badge = item.querySelector(".dj-step__done");
        if (badge) badge.hidden = !done;
      });
    });
  }

  function wireReset() {
    document.querySelectorAll("[data-dj-track] .dj-track__reset").forEach(function (button) {
      button.addEventListener("click", function () {
        /* Months of marks go with one click: ask first. */
        if (!window.confirm(window.dangjianUI.track.reset_confirm)) return;
        reset(button.closest("[data-dj-track]").getAttribute("data-dj-track"));
        showProgress();
      });
    });
  }

  /* The bar on a step's page, when the page was opened from a track (?track=…&step=…). */
  function stepBar() {
    var params = new URLSearchParams(window.location.search);
    var track = find(params.get("track"));
    var number = parseInt(params.get("step"), 10);
    if (!track || !(number >= 1 && number <= track.steps.length)) return;
    var step = track.steps[number - 1];
    var article = document.querySelector(".md-content__inner");
    if (!article) return;

    var bar = element("nav", "dj-stepbar");
    bar.setAttribute("aria-label", window.dangjianUI.kind.track);
    var where = element("p", "dj-stepbar__where", window.dangjianUI.kind.track + " ");
    var back = element("a", "dj-stepbar__track", track.title);
    back.href = url(track.url);
    where.appendChild(back);
    where.appendChild(document.createTextNode(
      window.djFill(UI.step_of, { number: number, total: track.steps.length }) + step.title));
    bar.appendChild(where);

    var actions = element("p", "dj-stepbar__actions");
    if (number > 1) {
      var prev = element("a", "dj-stepbar__prev", UI.previous);
      prev.href = url(track.steps[number - 2].url);
      prev.title = track.steps[number - 2].title;
      actions.appendChild(prev);
    }
    var mark = element("button", "md-button dj-stepbar__mark");
    mark.type = "button";
    actions.appendChild(mark);
    if (number < track.steps.length) {
      var next = element("a", "dj-stepbar__next", UI.next);
      next.href = url(track.steps[number].url);
      next.title = track.steps[number].title;
      actions.appendChild(next);
    }
    var status = element("span", "dj-stepbar__progress");
    status.setAttribute("aria-live", "polite");
    actions.appendChild(status);
    bar.appendChild(actions);

    function render() {
      var done = doneKeys(track.id).indexOf(step.key) >= 0;
      mark.textContent = done ? UI.marked : UI.mark;
      mark.setAttribute("aria-pressed", done ? "true" : "false");
      mark.classList.toggle("md-button--primary", !done);
      status.textContent = progressText(progress(track));
    }
    mark.addEventListener("click", function () {
      setDone(track.id, step.key, doneKeys(track.id).indexOf(step.key) < 0);
      render();
    });
    render();

    // Last in the article and sticky at the bottom of the window: always at hand while
    // reading, and the text the link pointed at does not move.
    article.appendChild(bar);
  }

  showProgress();
  wireReset();
  stepBar();
  window.addEventListener("pageshow", showProgress);
  window.addEventListener("storage", function (event) {
    if (event.key === STORE) showProgress();
  });
})();
