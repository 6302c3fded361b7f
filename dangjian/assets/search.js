// 党建知识站: search with Pagefind's component UI, in the header of every page and on the
// full search page. The components come from the Pagefind bundle that the build writes
// into the site (pagefind/); this script gives them Chinese labels, result templates that
// show type, status and date, and the site's ranking. It loads the components itself so
// that everything is configured before the first search.

// Both set globals (window.djFold, window.djRank) and serve the offline search too.
import "./fold.js";
import "./search-rank.js";

const ROOT = new URL("../", import.meta.url);
const BUNDLE = new URL("pagefind/", ROOT);

// The browser splits Chinese into short words (两个维护 → 两/个/维护) and Pagefind also
// matches words that merely start with a query word, so 党 would match 党员, 党委 and 党支部
// on every page. Ranking whole-word matches far above such extensions keeps a query's
// own words decisive (bench/search_quality.py measures the effect).
const RANKING = { termSimilarity: 5.0 };

// Result links carry the query's words; the page they open marks those words.
const HIGHLIGHT = "pagefind-highlight";

// Searching in the page itself spares the first query Pagefind's worker script (43 KB),
// which keeps one query under 300 KB at 2,000 pages (bench/search_speed.py); a search
// takes milliseconds, too little to need a thread of its own.
const IN_PAGE = true;

const UI = window.dangjianUI;

// A group portal searches other sites too (federation.js, written by the build when the
// site lists them): their Pagefind indexes are merged into this one, and every index
// carries a 站点 filter naming its site.
const SITES = window.dangjianSites || null;

const LABELS = {
  placeholder: UI.search.placeholder,
  zero_results: UI.search.zero_results,
  many_results: UI.search.many_results,
  one_result: UI.search.one_result,
  total_zero_results: UI.search.total_zero_results,
  total_one_result: UI.search.total_one_result,
  total_many_results: UI.search.total_many_results,
  searching: UI.search.searching,
  clear_search: UI.search.clear_search,
  load_more: UI.search.load_more,
  filters_label: UI.search.filters,
  results_label: UI.search.results_label,
};

// Shown under every result's title: 类型 · 效力状态 · 日期.
const META_LINE = `<span class="dj-result-meta">{{ meta.type }}{{#if meta.status}} · \
<span class="dj-status{{#if eq(meta.status, "${UI.status.in_force}")}} dj-status--in-force{{/if}}\
{{#if eq(meta.status, "${UI.status.abolished}")}} dj-status--abolished{{/if}}\
{{#if eq(meta.status, "${UI.status.amended}")}} dj-status--amended{{/if}}\
{{#if eq(meta.status, "${UI.status.unverified}")}} dj-status--unverified{{/if}}">{{ meta.status }}</span>{{/if}}\
{{#if meta.date}} · {{ meta.date }}{{/if}}</span>`;

// Each result of a portal's search says which site it comes from (filled in by siteLabels).
const SITE_LABEL = SITES ? `<span class="dj-result-site" data-dj-site-of="{{ meta.url | default(url) | safeUrl }}"></span>` : "";

// The header box follows the combobox pattern that Pagefind's keyboard navigation needs:
// every result and sub-result is an <a role="option"> with its own id.
const BOX_TEMPLATE = `{{#if and(options.show_sub_results, sub_results)}}\
<div class="pf-searchbox-group" role="group" aria-label="{{ meta.title }}">{{/if}}\
<a class="pf-searchbox-result" id="{{ aria.result_id }}" href="{{ meta.url | default(url) | safeUrl }}" \
role="option" aria-selected="false" aria-labelledby="{{ aria.title_id }}">\
<p class="pf-searchbox-result-title" id="{{ aria.title_id }}">{{ meta.title }}</p>\
<p class="dj-result-line">${SITE_LABEL}${META_LINE}</p>\
{{#if excerpt}}<p class="pf-searchbox-result-excerpt" id="{{ aria.excerpt_id }}">{{+ excerpt +}}</p>{{/if}}\
</a>\
{{#if and(options.show_sub_results, sub_results)}}{{#each sub_results as sub}}\
<a class="pf-searchbox-result pf-searchbox-subresult" id="{{ sub.aria.result_id }}" \
href="{{ sub.url | safeUrl }}" role="option" aria-selected="false" aria-labelledby="{{ sub.aria.title_id }}">\
<p class="pf-searchbox-result-title" id="{{ sub.aria.title_id }}">{{ sub.title }}</p>\
{{#if sub.excerpt}}<p class="pf-searchbox-result-excerpt">{{+ sub.excerpt +}}</p>{{/if}}\
</a>{{/each}}</div>{{/if}}`;

const RESULT_TEMPLATE = `<li class="pf-result dj-result"><div class="pf-result-card">\
<div class="pf-result-content">\
<p class="pf-result-title"><a class="pf-result-link" href="{{ meta.url | default(url) | safeUrl }}">\
{{ meta.title }}</a></p>\
<p class="dj-result-line">${SITE_LABEL}${META_LINE}</p>\
{{#if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{/if}}\
</div></div>\
{{#if sub_results}}<ul class="pf-heading-chips">{{#each sub_results as sub}}\
<li class="pf-heading-chip"><a class="pf-heading-link" href="{{ sub.url | safeUrl }}">{{ sub.title }}</a>\
<p class="pf-heading-excerpt">{{+ sub.excerpt +}}</p></li>{{/each}}</ul>{{/if}}</li>`;

function giveTemplate(element, template) {
  const script = document.createElement("script");
  script.type = "text/pagefind-template";
  script.textContent = template;
  element.prepend(script);
}

// The sites of a portal, longest address first, so that a site under another's path
// (/ and /lib/) claims its own results.
const SITE_BASES = SITES ? [
  { name: SITES.self, base: ROOT.href },
  ...SITES.sites.map((site) => ({ name: site.name,
    base: new URL(site.bundle, location.href).href.replace(/pagefind\/$/, "") })),
].sort((a, b) => b.base.length - a.base.length) : [];

function siteOf(url) {
  const address = new URL(url, location.href).href;
  return SITE_BASES.find((site) => address.startsWith(site.base))?.name || "";
}

function siteLabels(root) {
  for (const label of root.querySelectorAll(".dj-result-site[data-dj-site-of]")) {
    const name = siteOf(label.getAttribute("data-dj-site-of"));
    if (label.textContent !== name) label.textContent = name;
  }
}

function siteFilter() {
  const filters = document.querySelector("[data-dj-search-page] .dj-search-page__filters");
  if (!SITES || !filters) return;
  const dropdown = document.createElement("pagefind-filter-dropdown");
  dropdown.setAttribute("instance", "page");
  dropdown.setAttribute("filter", UI.search.site);
  dropdown.setAttribute("label", UI.search.site);
  dropdown.setAttribute("hide-clear", "");
  filters.prepend(dropdown);
}

function prepare() {
  siteFilter();
  for (const box of document.querySelectorAll("pagefind-searchbox")) {
    giveTemplate(box, BOX_TEMPLATE);
  }
  for (const results of document.querySelectorAll("pagefind-results")) {
    giveTemplate(results, RESULT_TEMPLATE);
  }
}

// Pagefind keeps the sections with the most matched words, so a long article full of
// common words (党, 党员) beats the short one that holds the query itself. Rank sections
// instead by how well they match the whole query as typed: the phrase in the title or
// excerpt (search-rank.js), then the longest run of query words side by side in the
// section (Pagefind's excerpt may show another part of it: the run is read from the
// word positions), how often that run occurs, then Pagefind's own per-word score, which
// favours rare words; best first. The page's own title is not a section.
function longestRuns(section) {
  const at = [...new Set(section.locations || [])].sort((a, b) => a - b);
  let best = 0, times = 0, run = 0;
  for (let i = 0; i < at.length; i += 1) {
    run = i && at[i] === at[i - 1] + 1 ? run + 1 : 1;
    if (run > best) { best = run; times = 1; } else if (run === best) { times += 1; }
  }
  return [best, times];
}

// A section's anchor, as the page's headings carry it.
function anchorOf(url) {
  const hash = new URL(url, location.href).hash.slice(1);
  try { return decodeURIComponent(hash); } catch { return hash; }
}

// Where the page was ranked again (below), the score of each section's whole text
// comes first: Pagefind's excerpt shows only a window of it.
function sectionRank(section, query, whole) {
  const text = (section.excerpt || "").replace(/<[^>]*>/g, "");
  const match = window.djRank.section(section.title || "", text, query);
  const score = (section.weighted_locations || [])
    .reduce((sum, at) => sum + (at.balanced_score || 0), 0);
  return [whole.get(anchorOf(section.url)) || 0, match >= window.djRank.PHRASE ? match : 0,
    ...longestRuns(section), match, score];
}

function bySectionRank(query, whole) {
  return (a, b) => {
    const rankA = sectionRank(a, query, whole);
    const rankB = sectionRank(b, query, whole);
    for (let i = 0; i < rankA.length; i += 1) {
      if (rankA[i] !== rankB[i]) return rankB[i] - rankA[i];
    }
    return 0;
  };
}

// Pagefind orders pages by its word scores, so a long regulation that mentions the words
// often enough outranks the work item that is about them. Its first RERANK pages (as
// many as the header box shows) are ranked again as the offline search ranks them
// (search-rank.js: the phrase before its characters, headings above text, a matching
// work item above scattered mentions), on their indexed text read section by section;
// the pages after them keep Pagefind's order. Their data is what the box loads anyway.
const RERANK = 10;
const ZWS = "\u200B";

// A page's sections as search-rank.js reads them: the lead (up to the first heading
// below the title) and one per heading with an id, titles and texts folded. Pagefind's
// text holds its words apart with zero-width spaces, and headings point at a word.
function sectionsOf(page) {
  const rank = window.djRank;
  const raw = page.raw_content || page.content || "";
  const words = raw.includes(ZWS) ? raw.split(ZWS) : raw.split(/[^\S\uFEFF]+/);
  const heads = (page.anchors || [])
    .filter((a) => /^h[2-6]$/i.test(a.element || "") && a.id && a.text)
    .sort((a, b) => a.location - b.location);
  const textOf = (from, to) => rank.fold(words.slice(from, to).join(""));
  const sections = [{ anchor: "", head: rank.fold(page.meta?.title || ""),
    text: textOf(0, heads.length ? heads[0].location : words.length) }];
  heads.forEach((heading, i) => {
    const head = rank.fold(heading.text);
    let text = textOf(heading.location, i + 1 < heads.length ? heads[i + 1].location : words.length);
    if (text.startsWith(head)) text = text.slice(head.length);
    sections.push({ anchor: heading.id, head, text });
  });
  return sections;
}

// Names as search_fields.py joins them into the page's metadata.
const NAMES = /\s*\u3001\s*/;

function infoOf(page) {
  const meta = page.meta || {};
  return { title: window.djRank.fold(meta.title || ""), workplan: meta.type === UI.kind.workplan,
    listing: Boolean(meta.listing),
    aliases: (meta.names || "").split(NAMES).map(window.djRank.fold).filter(Boolean) };
}

// The section scores of the pages ranked last, for their sub-results: page → query, and
// anchor → score.
const wholeSections = new WeakMap();

function sectionScores(page, query) {
  const known = wholeSections.get(page);
  return known && known.phrase === window.djRank.prepare(query).phrase ? known.scores : new Map();
}

async function rerank(found, term) {
  const query = window.djRank.prepare(term);
  if (!query.phrase || !found?.results?.length) return found;
  const top = found.results.slice(0, RERANK);
  let pages;
  try {
    pages = await Promise.all(top.map((result) => result.data()));
  } catch {
    return found; // a page's data did not load: Pagefind's order is still an answer
  }
  const scores = pages.map((page) => {
    const sections = sectionsOf(page);
    const match = window.djRank.page(infoOf(page), sections, query);
    wholeSections.set(page, { phrase: query.phrase,
      scores: new Map(match.subs.map((sub) => [sections[sub.index].anchor, sub.score])) });
    return match.score;
  });
  const order = top.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  return { ...found, results: [...order.map((i) => top[i]), ...found.results.slice(RERANK)] };
}

// Every search of the instance goes through the ranking, except a browse of everything
// (no query) and a sort the reader chose.
function rankSearches(instance) {
  const load = instance.__doLoad__?.bind(instance);
  if (!load) return;
  instance.__doLoad__ = async () => {
    await load();
    const pagefind = instance.__pagefind__;
    if (!pagefind || pagefind.djRanked) return;
    const search = pagefind.search.bind(pagefind);
    pagefind.search = async (term, options = {}) => {
      const found = await search(term, options);
      const sorted = Object.keys(options.sort || {}).length > 0;
      return term && !sorted && !options.preload ? rerank(found, term) : found;
    };
    pagefind.djRanked = true;
  };
}

// Traditional script is searched as simplified: the index holds simplified text for
// every traditional document (search_fields.py), and a query typed in traditional script
// is folded before Pagefind sees it.
function simplify(term) {
  const map = window.djFold || {};
  return Array.from(term || "", (ch) => map[ch] || ch).join("");
}

// The query as the reader typed it, per instance: Pagefind puts the words its segmenter
// found into result links (党员 → 党, 员 on some pages), and the page opened would then
// mark every single 党. Result links carry the typed words instead.
const typed = {};

function typedWords(name) {
  return (typed[name] || "").split(/\s+/).filter(Boolean);
}

function withTypedHighlight(href, name) {
  const words = typedWords(name);
  if (!words.length || !href.includes(HIGHLIGHT)) return href;
  const url = new URL(href, location.href);
  url.searchParams.delete(HIGHLIGHT);
  for (const word of words) url.searchParams.append(HIGHLIGHT, word);
  return url.pathname + url.search + url.hash;
}

// Pagefind names a filter's button only by the text inside it and its options in
// English ("类型, 2 results"): give both Chinese accessible names.
function nameControls(root) {
  for (const trigger of root.querySelectorAll(".pf-dropdown-trigger:not([aria-label])")) {
    const label = trigger.querySelector(".pf-dropdown-trigger-label")?.textContent.trim();
    if (label) trigger.setAttribute("aria-label", window.djFill(UI.search.filter_named, { label }));
  }
  for (const option of root.querySelectorAll(".pf-dropdown-option")) {
    const label = option.querySelector(".pf-dropdown-option-label")?.textContent.trim();
    const count = option.querySelector(".pf-dropdown-option-count")?.textContent.trim();
    const name = window.djFill(UI.search.filter_option, { label, count });
    if (label && option.getAttribute("aria-label") !== name) option.setAttribute("aria-label", name);
  }
}

function watch(element, name) {
  const fix = () => {
    nameControls(element);
    if (SITES) siteLabels(element);
    for (const link of element.querySelectorAll(`a[href*="${HIGHLIGHT}"]`)) {
      const href = withTypedHighlight(link.getAttribute("href"), name);
      if (href !== link.getAttribute("href")) link.setAttribute("href", href);
    }
  };
  new MutationObserver(fix).observe(element, { subtree: true, childList: true, attributes: true,
    attributeFilter: ["href", "aria-label"] });
  fix();
}

// A large site's index is written in parts (dangjian/search/parts.py): the first is the
// bundle itself, the others are merged into every search so that one list comes back.
// ``bundle``: this site's bundle, or another site's (a group portal, federation.js).
async function indexParts(bundle, local) {
  try {
    const response = await fetch(new URL("dj-parts.json", bundle));
    const listed = response.ok ? await response.json() : {};
    return (listed.parts || []).map((part) => {
      const url = new URL(part, bundle);
      return local ? url.pathname : url.href;
    });
  } catch {
    return [];
  }
}

// Every index a search merges: this site's parts, then each other site's bundle and its
// parts, every one labelled with its site where the site is a portal.
async function mergedIndexes() {
  const own = (await indexParts(BUNDLE, true)).map((path) => ({ bundlePath: path }));
  if (!SITES) return own;
  const label = (name) => ({ mergeFilter: { [UI.search.site]: name } });
  const others = await Promise.all(SITES.sites.map(async (site) => {
    const bundle = new URL(site.bundle, location.href);
    const paths = [site.bundle, ...await indexParts(bundle, false)];
    return paths.map((path) => ({ bundlePath: path, ranking: RANKING,
                                  highlightParam: HIGHLIGHT, ...label(site.name) }));
  }));
  return [...own.map((index) => ({ ...index, ...label(SITES.self) })), ...others.flat()];
}

function configure(components, name, indexes) {
  const instance = components.configureInstance(name, {
    bundlePath: BUNDLE.pathname,
    mergeIndex: indexes,
    baseUrl: ROOT.pathname,
    ranking: RANKING,
    highlightParam: HIGHLIGHT,
    noWorker: IN_PAGE,
    ...(SITES ? { mergeFilter: { [UI.search.site]: SITES.self } } : {}),
  });
  instance.setTranslations(LABELS);
  instance.on("search", (term) => { typed[name] = term || ""; });
  instance.getDisplaySubResults = (result, max = 3) => {
    const title = result.meta?.title;
    const page = result.meta?.url || result.url;
    const query = typed[name] || instance.searchTerm || "";
    return (result.sub_results || [])
      .filter((section) => section.url !== page && section.title !== title)
      .sort(bySectionRank(query, sectionScores(result, query)))
      .slice(0, max);
  };
  rankSearches(instance);
  const search = instance.__search__?.bind(instance);
  if (search) instance.__search__ = (term, ...rest) => search(simplify(term), ...rest);
  return instance;
}

// The search page browses everything when the box is empty, takes ?q= from the header
// box's “全部结果” link, and sorts by date on request.
async function searchPage(components, indexes) {
  const page = document.querySelector("[data-dj-search-page]");
  if (!page) return;
  const instance = configure(components, "page", indexes);
  instance.faceted = true;
  const sort = page.querySelector("[data-dj-sort]");
  sort?.addEventListener("change", () => {
    const [key, order] = sort.value.split(":");
    instance.searchSort = key ? { [key]: order } : {};
    instance.triggerSearch(instance.searchTerm);
  });
  // Loading in faceted mode lists everything; the query from the URL comes after that.
  await instance.triggerLoad();
  const query = new URLSearchParams(location.search).get("q");
  if (query) instance.triggerSearch(query);
}

function headerLink(instance) {
  const link = document.querySelector("[data-dj-search-all]");
  if (!link) return;
  const base = link.getAttribute("href");
  instance.on("search", (term) => {
    link.href = term ? `${base}?q=${encodeURIComponent(term)}` : base;
  });
}

async function highlight() {
  if (!new URLSearchParams(location.search).has(HIGHLIGHT)) return;
  const { default: Highlight } = await import(new URL("pagefind-highlight.js", BUNDLE).href);
  new Highlight({ highlightParam: HIGHLIGHT, addStyles: false });
}

async function main() {
  prepare();
  highlight();
  const [indexes] = await Promise.all([
    mergedIndexes(), import(new URL("pagefind-component-ui.js", BUNDLE).href)]);
  const components = window.PagefindComponents;
  headerLink(configure(components, "header", indexes));
  for (const element of document.querySelectorAll("pagefind-searchbox, [data-dj-search-page]")) {
    watch(element, element.matches("pagefind-searchbox") ? "header" : "page");
  }
  await searchPage(components, indexes);
}

main();
