/* Search as you type on the search page, with Pagefind's index (pagefind/, built by handout).
 * The page works without this script: the form submits and the page lists every guide.
 * All words shown come from the form's data-* attributes (see search.html). */
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const part = document.getElementById("search-part");
const tag = document.getElementById("search-tag");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const words = form.dataset;
const DELAY_MS = 250;
const MAX_RESULTS = 20;

let pagefind = null;
let timer = 0;
let latest = 0;

async function load() {
  if (!pagefind) {
    pagefind = await import(`${words.bundle}pagefind.js`);
    await pagefind.options({ baseUrl: "/", excerptLength: 24 });
    await pagefind.init();
  }
  return pagefind;
}

function say(template, q, n) {
  return template.replace("{q}", q).replace("{n}", String(n));
}

/* Pagefind's excerpt marks matches with <mark>; everything else is shown as text. */
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "result-excerpt";
  html.split(/(<mark>.*?<\/mark>)/).forEach((piece) => {
    const marked = piece.startsWith("<mark>");
    const raw = marked ? piece.slice(6, -7) : piece;
    const text = new DOMParser().parseFromString(raw, "text/html").body.textContent;
    if (marked) {
      const m = document.createElement("mark");
      m.textContent = text;
      p.append(m);
    } else {
      p.append(text);
    }
  });
  return p;
}

function item(data) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = data.url;
  a.className = "result-title";
  a.textContent = data.meta.title || data.url;
  const where = document.createElement("p");
  where.className = "result-part";
  const label = words[`part${camel(data.meta.part || "")}`] || "";
  const guide = data.meta.guide && data.meta.guide !== data.meta.title ? ` ${words.in} ${data.meta.guide}` : "";
  where.textContent = label + guide;
  li.append(a, where, excerpt(data.excerpt || ""));
  return li;
}

function camel(key) {
  return key.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
}

function filters() {
  const f = {};
  if (part && part.value) f.part = part.value;
  if (tag && tag.value) f.tag = tag.value;
  return f;
}

function remember(q) {
  const url = new URL(window.location.href);
  url.searchParams.set("q", q);
  for (const [key, el] of [["part", part], ["tag", tag]]) {
    if (el && el.value) url.searchParams.set(key, el.value);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, "", url);
}

async function run() {
  const q = input.value.trim();
  const mine = ++latest;
  if (!q) {
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "";
    return;
  }
  try {
    const pf = await load();
    const found = await pf.search(q, { filters: filters() });
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== latest) return;
    list.replaceChildren(...data.map(item));
    list.hidden = data.length === 0;
    const n = found.results.length;
    status.textContent = say(n === 0 ? words.none : n === 1 ? words.one : words.many, q, n);
    remember(q);
  } catch (e) {
    if (mine === latest) status.textContent = words.error;
  }
}

function later() {
  window.clearTimeout(timer);
  timer = window.setTimeout(run, DELAY_MS);
}

/* Arrow keys move between the field and the results; Escape clears the field. */
function keys(event) {
  const links = [...list.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && links.length) {
    event.preventDefault();
    links[Math.min(at + 1, links.length - 1)].focus();
  } else if (event.key === "ArrowUp" && at >= 0) {
    event.preventDefault();
    (at === 0 ? input : links[at - 1]).focus();
  } else if (event.key === "Escape" && document.activeElement === input) {
    input.value = "";
    run();
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  run();
});
input.addEventListener("input", later);
for (const el of [part, tag]) if (el) el.addEventListener("change", run);
document.addEventListener("keydown", keys);
document.getElementById("search-filters").hidden = false;

const params = new URLSearchParams(window.location.search);
for (const [key, el] of [["part", part], ["tag", tag]]) {
  if (el && params.get(key)) el.value = params.get(key);
}
if (params.get("q")) {
  input.value = params.get("q");
  run();
}
