/* 党建知识站 offline search: works from file:// with no server and no network.
 *
 * The index (window.DJ_SEARCH) is a classic script loaded on first use, because
 * browsers refuse fetch() and module imports from file://. Queries match as substrings
 * of folded text (search-rank.js), so Chinese needs no segmenter: 两个维护 finds exactly
 * 两个维护, in simplified or traditional script, and a title's words in order with gaps.
 */
(function () {
  "use strict";

  var UI = window.dangjianUI.search;
  var KINDS = window.dangjianUI.kind;
  var KIND_ORDER = [KINDS.workplan, KINDS.regulation, KINDS.publication, KINDS.study,
    KINDS.track, KINDS.glossary, KINDS.page];
  var MAX_PAGES = 30;
  var MAX_SUBRESULTS = 3;

  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    return base.replace(/\/$/, "");
  }

  var base = siteBase();
  var index = null;
  var loading = null;

  var rank = window.djRank;
  var normalise = rank.fold;

  function load() {
    if (index) { return Promise.resolve(index); }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + "/_dangjian/search-index.js";
      script.onload = function () {
        var data = window.DJ_SEARCH;
        /* Each page as search-rank.js scores it: its facts and its sections, folded (a
         * text with traditional characters comes folded as a fifth field). */
        data.info = data.pages.map(function (p) {
          return { title: normalise(p[1]), workplan: p[2] === KINDS.workplan, listing: !!p[5],
            aliases: p[4] ? p[4].split(/\s*、\s*|\s+/).map(normalise).filter(Boolean) : [] };
        });
        data.sections = data.pages.map(function () { return []; });
        data.records.forEach(function (r, i) {
          data.sections[r[0]].push({ anchor: r[1], head: normalise(r[2]),
            text: rank.clean(r[4] || r[3]), record: i });
        });
        index = data;
        resolve(data);
      };
      script.onerror = function () { reject(new Error("search index missing")); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function search(data, query) {
    var prepared = rank.prepare(query);
    if (!prepared.phrase) { return []; }
    var hits = [];
    for (var page = 0; page < data.pages.length; page += 1) {
      var sections = data.sections[page];
      var found = rank.page(data.info[page], sections, prepared);
      if (!found.score) { continue; }
      hits.push({ page: page, score: found.score, subs: found.subs.slice(0, MAX_SUBRESULTS)
        .map(function (sub) { return { record: sections[sub.index].record, score: sub.score }; }) });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || data.pages[a.page][1].length - data.pages[b.page][1].length;
    });
    return hits.slice(0, MAX_PAGES);
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  function snippet(text, terms) {
    var at = -1, term = "";
    for (var t = 0; t < terms.length && at === -1; t += 1) {
      term = terms[t]; at = text.indexOf(term);
    }
    var start = Math.max(0, at - 30);
    var piece = (start > 0 ? "…" : "") + text.slice(start, start + 110) + (text.length > start + 110 ? "…" : "");
    var html = escapeHtml(piece);
    terms.forEach(function (q) {
      if (!q) { return; }
      html = html.split(escapeHtml(q)).join("<mark>" + escapeHtml(q) + "</mark>");
    });
    return html;
  }

  function href(url, anchor) {
    return base + "/" + url + (anchor ? "#" + encodeURIComponent(anchor) : "");
  }

  /* ---- the dialog ---- */
  var dialog, input, list, chips, siteChips, status, said, opener = null, active = -1, hidden = {};
  /* A bundle of several sites of a group names them (index.sites); pages carry the number
     of their site, shown on each result and offered as a filter. */
  var hiddenSites = {};

  function build() {
    dialog = document.createElement("div");
    dialog.className = "dj-offline";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", UI.site_search);
    /* Modal: screen readers stay in the dialog, and Tab cycles inside it (trap below). */
    dialog.setAttribute("aria-modal", "true");
    dialog.hidden = true;
    dialog.innerHTML =
      '<div class="dj-offline__panel">' +
      '<div class="dj-offline__bar"><input class="dj-offline__input" type="search" ' +
      'placeholder="' + escapeHtml(UI.placeholder) + '…" aria-label="' +
      escapeHtml(window.dangjianUI.common.search) + '" autocomplete="off">' +
      '<button class="dj-offline__close" type="button" aria-label="' + escapeHtml(UI.close) +
      '">✕</button></div>' +
      '<div class="dj-offline__chips" aria-label="' + escapeHtml(UI.by_kind) + '"></div>' +
      '<div class="dj-offline__chips dj-offline__sites" aria-label="' + escapeHtml(UI.by_site) + '"></div>' +
      '<p class="dj-offline__status" aria-live="polite"></p>' +
      '<p class="dj-offline__said dj-visually-hidden" aria-live="assertive"></p>' +
      '<ol class="dj-offline__results"></ol></div>';
    document.body.appendChild(dialog);
    input = dialog.querySelector("input");
    list = dialog.querySelector("ol");
    chips = dialog.querySelector(".dj-offline__chips");
    siteChips = dialog.querySelector(".dj-offline__sites");
    status = dialog.querySelector(".dj-offline__status");
    said = dialog.querySelector(".dj-offline__said");
    dialog.addEventListener("keydown", trap);
    dialog.querySelector(".dj-offline__close").addEventListener("click", close);
    dialog.addEventListener("click", function (e) { if (e.target === dialog) { close(); } });
    input.addEventListener("input", run);
    input.addEventListener("keydown", keys);
  }

  function open() {
    if (!dialog) { build(); }
    opener = document.activeElement;
    dialog.hidden = false;
    document.documentElement.classList.add("dj-offline-open");
    input.focus();
    input.select();
    load().then(run, function () { status.textContent = UI.index_missing; });
  }

  function close() {
    if (!dialog) { return; }
    dialog.hidden = true;
    document.documentElement.classList.remove("dj-offline-open");
    if (opener && opener.focus) { opener.focus(); }
  }

  function trap(event) {
    if (event.key !== "Tab") { return; }
    var stops = Array.prototype.filter.call(
      dialog.querySelectorAll("input, button, a[href]"),
      function (node) { return node.offsetParent !== null; });
    if (!stops.length) { return; }
    var first = stops[0], last = stops[stops.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  function links() { return list.querySelectorAll("a"); }

  function move(step) {
    var all = links();
    if (!all.length) { return; }
    if (all[active]) { all[active].classList.remove("dj-offline__active"); }
    active = (active + step + all.length) % all.length;
    all[active].classList.add("dj-offline__active");
    all[active].scrollIntoView({ block: "nearest" });
    /* The focus stays in the box: say which result the arrows reached. */
    all[active].setAttribute("aria-current", "true");
    Array.prototype.forEach.call(all, function (link, i) {
      if (i !== active) { link.removeAttribute("aria-current"); }
    });
    said.textContent = window.djFill(UI.result_at,
      { number: active + 1, total: all.length, title: all[active].textContent });
  }

  function keys(event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Enter") {
      var all = links();
      var target = all[active] || all[0];
      if (target) { event.preventDefault(); close(); window.location.href = target.href; }
    }
  }

  function run() {
    if (!index) { status.textContent = UI.loading; return; }
    var query = input.value.trim();
    var terms = query.split(/\s+/).filter(Boolean);
    active = -1;
    if (!query) {
      list.innerHTML = ""; chips.innerHTML = ""; siteChips.innerHTML = ""; status.textContent = "";
      return;
    }
    var hits = search(index, query);
    var kinds = {};
    hits.forEach(function (h) { kinds[index.pages[h.page][2]] = true; });
    chips.innerHTML = KIND_ORDER.filter(function (k) { return kinds[k]; }).map(function (k) {
      return '<button type="button" class="dj-offline__chip" aria-pressed="' + !hidden[k] +
        '" data-kind="' + escapeHtml(k) + '">' + escapeHtml(k) + "</button>";
    }).join("");
    chips.querySelectorAll("button").forEach(function (chip) {
      chip.addEventListener("click", function () {
        hidden[chip.dataset.kind] = !hidden[chip.dataset.kind];
        run();
      });
    });
    showSites(hits);
    var shown = hits.filter(function (h) {
      var page = index.pages[h.page];
      return !hidden[page[2]] && !(index.sites && hiddenSites[page[6]]);
    });
    status.textContent = shown.length ? window.djFill(UI.found, { count: shown.length })
      : window.djFill(UI.nothing, { query: query });
    list.innerHTML = shown.map(function (h) {
      var page = index.pages[h.page];
      var head = index.records.filter(function (r) { return r[0] === h.page && r[1] === ""; })[0];
      var subs = h.subs.map(function (s) {
        var r = index.records[s.record];
        return '<li><a class="dj-offline__sub" href="' + href(page[0], r[1]) + '"><strong>' +
          escapeHtml(r[2]) + "</strong><span>" + snippet(r[3], terms) + "</span></a></li>";
      }).join("");
      return '<li class="dj-offline__hit"><a href="' + href(page[0], "") + '">' +
        '<span class="dj-offline__kind">' + escapeHtml(page[2]) + "</span>" +
        (index.sites ? '<span class="dj-offline__site">' + escapeHtml(index.sites[page[6]] || "") + "</span>" : "") +
        '<span class="dj-offline__title">' + escapeHtml(page[1]) + "</span>" +
        (page[3] ? '<span class="dj-offline__detail">' + escapeHtml(page[3]) + "</span>" : "") +
        (head && head[3] ? '<span class="dj-offline__text">' + snippet(head[3], terms) + "</span>" : "") +
        "</a>" + (subs ? "<ol>" + subs + "</ol>" : "") + "</li>";
    }).join("");
  }

  function showSites(hits) {
    if (!index.sites) { siteChips.innerHTML = ""; return; }
    var found = {};
    hits.forEach(function (h) { found[index.pages[h.page][6]] = true; });
    siteChips.innerHTML = index.sites.map(function (name, n) {
      if (!found[n]) { return ""; }
      return '<button type="button" class="dj-offline__chip" aria-pressed="' + !hiddenSites[n] +
        '" data-site="' + n + '">' + escapeHtml(name) + "</button>";
    }).join("");
    siteChips.querySelectorAll("button").forEach(function (chip) {
      chip.addEventListener("click", function () {
        hiddenSites[chip.dataset.site] = !hiddenSites[chip.dataset.site];
        run();
      });
    });
  }

  function button() {
    var header = document.querySelector(".md-header__inner");
    if (!header) { return; }
    var trigger = document.createElement("button");
    trigger.type = "button";
    trigger.className = "dj-offline-trigger md-header__button";
    var label = window.dangjianUI.common.search;
    trigger.setAttribute("aria-label", label);
    trigger.innerHTML = '<span aria-hidden="true">⌕</span><span class="dj-offline-trigger__label">' +
      escapeHtml(label) + "</span>";
    trigger.addEventListener("click", open);
    header.appendChild(trigger);
  }

  document.addEventListener("keydown", function (event) {
    var typing = /input|textarea|select/i.test((event.target.tagName || ""));
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      open();
    }
  });
  window.djSearch = { open: open, search: function (q) { return load().then(function (d) { return search(d, q); }); } };
  button();
})();
