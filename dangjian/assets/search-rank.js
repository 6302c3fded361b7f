/* 党建知识站: how well a piece of text matches a query, shared by the online search
 * (search.js ranks Pagefind's sub-results with it) and the offline search
 * (offline-search.js ranks everything with it), so that both land on the same article.
 *
 * Text and queries are folded first: NFKC, lower case, no spaces or quotes, and
 * traditional characters read as simplified (window.djFold, generated at build time from
 * OpenCC's data), so 減少陪同人員 and 减少陪同人员 are the same words.
 *
 * A classic script that is also imported as a module by search.js: it only sets
 * window.djRank.
 */
(function (root) {
  "use strict";

  /* Words a title has and a query leaves out (window.djFunctionWords, from fold.js). */
  var functionPattern;

  function functionWords() {
    if (functionPattern === undefined) {
      var words = root.djFunctionWords || [];
      functionPattern = words.length ? new RegExp(words.join("|"), "g") : null;
    }
    return functionPattern;
  }

  /* Text as compared: no spaces or quotes, full-width forms and case folded. */
  function clean(text) {
    return (text || "").normalize("NFKC").toLowerCase()
      .replace(/[\s“”‘’"'「」『』《》〈〉【】·•]/g, "");
  }

  /* ``clean`` and traditional characters as simplified, for short strings (queries,
   * titles, headings); the offline index holds long texts folded already. */
  function fold(text) {
    var folded = clean(text), map = root.djFold;
    if (!map) { return folded; }
    var out = "";
    for (var i = 0; i < folded.length; i += 1) { out += map[folded[i]] || folded[i]; }
    return out;
  }

  function count(haystack, needle, most) {
    var n = 0, at = haystack.indexOf(needle);
    while (at !== -1 && n < most) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  /* The query's characters in order in ``text``, with gaps no longer than the query
   * itself in all (the function words and modifiers a title has and a query leaves out:
   * 党内政治生活若干准则 in 关于新形势下党内政治生活的若干准则). */
  function inOrder(text, query) {
    if (!query || query.length < 3) { return false; }
    var pattern = functionWords();
    var core = (pattern ? query.replace(pattern, "") : query) || query;
    for (var start = text.indexOf(core[0]); start !== -1; start = text.indexOf(core[0], start + 1)) {
      if (spanFrom(text, core, start)) { return true; }
    }
    return false;
  }

  function spanFrom(text, core, start) {
    var at = start, gaps = 0;
    for (var i = 1; i < core.length; i += 1) {
      var next = text.indexOf(core[i], at + 1);
      if (next === -1) { return false; }
      gaps += next - at - 1;
      at = next;
    }
    return gaps <= Math.max(4, core.length);
  }

  /* Share of the query's distinct characters that ``text`` holds: the weakest match. */
  function characters(text, query) {
    var seen = {}, total = 0, found = 0;
    for (var i = 0; i < query.length; i += 1) {
      var ch = query[i];
      if (seen[ch]) { continue; }
      seen[ch] = true;
      total += 1;
      if (text.indexOf(ch) !== -1) { found += 1; }
    }
    return total ? found / total : 0;
  }

  /* The query as the scores read it: the whole of it folded, and its typed words. */
  function prepare(query) {
    var words = (query || "").split(/\s+/).map(fold).filter(Boolean);
    return { phrase: words.join(""), words: words };
  }

  /* How well one section (a heading and its text) matches the whole query, 0 for not at
   * all. Tiers, each above the next whatever the counts: the phrase in the heading, the
   * phrase in the text (more for more occurrences in less text: a work item about the
   * words beats a long article that mentions them), every typed word, the characters in
   * order, and last the characters apart. ``heading`` and ``text`` are folded already;
   * ``floor``: scores below it are not wanted (the characters apart are not worked out). */
  var PHRASE = 200;
  /* The score of a section that holds the whole query: at least PHRASE. */

  function folded(head, body, query, floor) {
    var phrase = query.phrase, score = 0;
    if (!phrase) { return 0; }
    if (head.indexOf(phrase) !== -1) { score += 2 * PHRASE; }
    var times = count(body, phrase, 5);
    if (times) {
      var density = Math.min(1, (times * phrase.length * 20) / Math.max(body.length, 1));
      score += PHRASE + times * 6 + Math.round(30 * density);
    }
    if (score) { return score; }
    if (query.words.length > 1 && query.words.every(function (w) {
      return head.indexOf(w) !== -1 || body.indexOf(w) !== -1;
    })) { return 100 + query.words.length; }
    // In order with gaps: a heading's words (a title's, a chapter's), not a long text's.
    if (inOrder(head, phrase)) { return 60; }
    if (floor > 20) { return 0; }
    var share = Math.max(characters(head, phrase), characters(body, phrase));
    return share === 1 ? 20 : Math.round(10 * share);
  }

  function section(heading, text, query) {
    return folded(fold(heading), fold(text), prepare(query));
  }

  /* How well a document's title and names match: exact, then the phrase, then the
   * title's words in order with gaps. ``t``, ``aliases`` and ``q`` folded. */
  function titled(t, aliases, q) {
    if (!q) { return 0; }
    if (t === q) { return 1000; }
    if (aliases.indexOf(q) !== -1) { return 900; }
    if (t.indexOf(q) !== -1) { return 120 + Math.round(60 * q.length / t.length); }
    if (aliases.some(function (a) { return a.indexOf(q) !== -1; })) { return 100; }
    if (inOrder(t, q)) { return 90 + Math.round(40 * q.length / t.length); }
    return 0;
  }

  function title(name, aliases, query) {
    return titled(fold(name), aliases, prepare(query).phrase);
  }

  /* Below this a section holds the query's characters but not its words. */
  var ENOUGH = 60;
  var IN_ORDER = 60;
  /* A document that comes back to the words in several sections is about them. */
  var BREADTH = 20;
  var MAX_BREADTH = 4;
  /* A work item about the words outranks a regulation that mentions them. */
  var WORK_ITEM = 40;

  /* How well one page matches: the best of its sections (the lead one, anchor "", also
   * by the page's title and names), more for a work item that holds the phrase and for a
   * page that comes back to it in several sections, much less for a listing (a track, the
   * glossary) that repeats other documents' words. ``info``: {title, aliases, workplan,
   * listing}, ``sections``: [{anchor, head, text}], titles and texts folded; ``query``
   * prepared. Returns {score, subs: [{index, score}] best first, anchored sections only},
   * score 0 when no section holds the query's words. */
  function page(info, sections, query) {
    var best = 0, phrases = 0, subs = [], lead = true;
    for (var i = 0; i < sections.length; i += 1) {
      var part = sections[i];
      var s = folded(part.head, part.text, query, ENOUGH);
      if (!part.anchor && lead) {
        lead = false;
        /* The lead text holds the title as the document writes it (its first line). */
        var written = s < IN_ORDER && inOrder(part.text, query.phrase) ? IN_ORDER : 0;
        s = Math.max(s, titled(info.title, info.aliases, query.phrase), written);
      }
      if (s < ENOUGH) { continue; }
      if (s >= PHRASE && part.anchor && info.workplan) { s += WORK_ITEM; }
      if (info.listing) { s = Math.ceil(s / 4); }
      best = Math.max(best, s);
      if (s >= PHRASE) { phrases += 1; }
      if (part.anchor) { subs.push({ index: i, score: s }); }
    }
    if (best) { best += BREADTH * Math.min(MAX_BREADTH, Math.max(0, phrases - 1)); }
    subs.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    return { score: best, subs: subs };
  }

  root.djRank = { clean: clean, fold: fold, prepare: prepare, folded: folded, section: section,
    title: title, page: page, inOrder: inOrder, PHRASE: PHRASE };
})(typeof window !== "undefined" ? window : globalThis);
