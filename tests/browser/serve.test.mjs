// The live preview (`handout serve`) in a real browser: a saved article reloads the open page
// by itself, a saved stylesheet is swapped in without a reload, a broken front matter shows
// the error overlay (file and line) over the last good page and a fix clears it, nothing is
// requested from another origin, nothing fails or breaks the Content-Security-Policy, and the
// overlay passes axe-core in light and dark mode. Two stylesheet saves whose swaps overlap leave
// one link to the stylesheet.
//
// Each run copies tests/fixtures/serve/basic/ into a temporary folder (plus a template that
// links its static/css/extra.css), starts the release binary's `serve --port 0` on it and edits
// files there; the preview is stopped and the folder removed at the end, also on failure.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { launch, axeSource, runAxe, describeViolations } from './lib/site.mjs';
import { REPO, copySite, removeSite, startServe, until } from './lib/serve.mjs';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** How long a save may take to show in the open page. */
const SHOWS_WITHIN = 5000;
const EVENTS = '/__handout/events';

let root;
let preview;
let chrome;
let axe;
/** Everything every page requested, and what went wrong in them, over the whole file. */
const requests = [];
const problems = [];

before(async () => {
  root = await copySite(path.join(REPO, 'tests', 'fixtures', 'serve', 'basic'));
  // The fixture's stylesheet is linked from every page by a site template, as the README
  // shows for a clinic's own CSS.
  await mkdir(path.join(root, 'templates'), { recursive: true });
  await writeFile(
    path.join(root, 'templates', 'base.html'),
    '{% extends "default/base.html" %}\n{% block head %}<link rel="stylesheet" href="{{ site.base_path }}css/extra.css">{% endblock head %}\n',
  );
  await writeFile(path.join(root, 'static', 'css', 'extra.css'), '.extra { color: #123456; }\n');
  [preview, chrome, axe] = await Promise.all([startServe(root), launch(), axeSource()]);
});

after(async () => {
  await chrome?.close();
  await preview?.stop();
  await removeSite(root);
});

let saves = 0;
/**
 * The site file `rel`, read, and saved as most editors save: the new text is written to a
 * temporary file beside the site's folders and renamed over the old one, so the preview sees
 * one complete change. (Writing in place can reach the watcher as two changes a few tens of
 * milliseconds apart on a busy machine, and then the preview rebuilds twice.)
 */
const site = {
  read: (rel) => readFile(path.join(root, rel), 'utf8'),
  async write(rel, text) {
    const tmp = path.join(root, `.handout-test-save-${++saves}.tmp`);
    await writeFile(tmp, text);
    await rename(tmp, path.join(root, rel));
  },
};

/** Resolves when `page` has (re)connected to the preview's event stream. */
function connected(page) {
  return page.waitForResponse((r) => new URL(r.url()).pathname === EVENTS && r.status() === 200, {
    timeout: SHOWS_WITHIN,
  });
}

/**
 * Opens `urlPath` of the preview in a new tab and waits until the page listens for rebuilds.
 * Returns the page and `loads()`, the number of documents loaded in it so far (1 after this).
 */
async function open(urlPath, options = {}) {
  const page = await chrome.newPage(options);
  let loads = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) loads++;
  });
  page.on('request', (r) => requests.push({ page: urlPath, url: r.url() }));
  page.on('requestfailed', (r) => {
    // The event stream is cut when the page reloads, and so may be the browser's own fetch of
    // the favicon, which it makes after the page has loaded; both are expected.
    const { pathname } = new URL(r.url());
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
    if (pathname === EVENTS || (pathname === '/favicon.svg' && aborted)) return;
    problems.push(`${urlPath}: ${r.url()} failed: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${urlPath}: ${r.url()}: HTTP ${r.status()}`);
  });
  page.on('pageerror', (e) => problems.push(`${urlPath}: script error: ${e.message}`));
  // Chromium reports Content-Security-Policy violations (and other failures) as console errors.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${urlPath}: console error: ${m.text()}`);
  });
  const ready = connected(page);
  await page.goto(preview.url.replace(/\/$/, '') + urlPath);
  await ready;
  return { page, loads: () => loads };
}

/** The overlay's text, or null when there is none. */
function overlayText(page) {
  return page.evaluate(() => document.getElementById('handout-overlay')?.innerText ?? null);
}

test('saving an article reloads the open page, which shows the change', async (t) => {
  const rel = 'content/articles/calf-stretch.md';
  const { page, loads } = await open('/articles/calf-stretch/');
  assert.match(await page.locator('main h1').innerText(), /Calf stretch/);
  await page.evaluate(() => {
    window.__beforeEdit = 1;
  });
  const marker = `live-marker-${process.pid}-${Date.now()}`;
  const saved = Date.now();
  await site.write(rel, `${await site.read(rel)}\nAdded while the preview runs: ${marker}.\n`);
  await page.locator('main p', { hasText: marker }).waitFor({ timeout: SHOWS_WITHIN });
  t.diagnostic(`the change showed ${Date.now() - saved} ms after the save`);
  assert.equal(await page.evaluate(() => window.__beforeEdit), undefined, 'the page was not loaded again');
  assert.equal(loads(), 2, `expected exactly one reload; the preview said:\n${preview.log()}`);
  assert.match(await page.locator('main').innerText(), /Stand facing a wall/, 'the rest of the article is gone');
  assert.equal(await overlayText(page), null, 'an overlay shows after a good save');
  await page.context().close();
});

const CSS = 'static/css/extra.css';

/** The letter spacing of the article's title, which the tests' stylesheet edits change. */
function titleSpacing(page) {
  return page.evaluate(() => getComputedStyle(document.querySelector('main h1')).letterSpacing);
}

/** The URLs of the page's links to extra.css. */
function extraLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href).filter((h) => new URL(h).pathname === '/css/extra.css'),
  );
}

test('saving a stylesheet swaps it in without reloading the page', async (t) => {
  const { page, loads } = await open('/articles/calf-stretch/');
  assert.notEqual(await titleSpacing(page), '4px');
  await page.evaluate(() => {
    window.__marker = 1;
  });
  const saved = Date.now();
  await site.write(CSS, '.extra { color: #123456; }\nmain h1 { letter-spacing: 4px; }\n');
  await until(async () => (await titleSpacing(page)) === '4px', 'the new style applies');
  t.diagnostic(`the new style applied ${Date.now() - saved} ms after the save`);
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was reloaded');
  assert.equal(loads(), 1, 'the page was reloaded');
  // The old <link> goes once the new one has loaded: one copy of the stylesheet, not two.
  const links = await until(async () => {
    const hrefs = await extraLinks(page);
    return hrefs.length === 1 && hrefs;
  }, 'exactly one link to extra.css remains', { detail: async () => `links: ${JSON.stringify(await extraLinks(page))}\nthe preview said:\n${preview.log()}` });
  assert.ok(new URL(links[0]).searchParams.has('handout-reload'), `the stylesheet was not fetched afresh: ${links[0]}`);
  await page.context().close();
});

test(
  'two stylesheet saves in quick succession leave one link to the stylesheet',
  async () => {
    const { page } = await open('/articles/calf-stretch/');
    // Hold back the fresh copies of the stylesheet a moment (as a busy preview or a second
    // save a few milliseconds after the first would), so the second swap starts while the
    // first is still loading.
    await page.route(
      (url) => url.pathname === '/css/extra.css' && url.searchParams.has('handout-reload'),
      async (route) => {
        await new Promise((r) => setTimeout(r, 300));
        await route.continue().catch(() => {});
      },
    );
    await site.write(CSS, '.extra { color: #123456; }\nmain h1 { letter-spacing: 5px; }\n');
    await until(async () => (await extraLinks(page)).length === 2, 'the first swap starts');
    await site.write(CSS, '.extra { color: #123456; }\nmain h1 { letter-spacing: 6px; }\n');
    await until(async () => (await titleSpacing(page)) === '6px', 'the second save applies');
    try {
      await until(async () => (await extraLinks(page)).length === 1, 'exactly one link to extra.css remains', {
        timeout: 2000,
        detail: async () => `links: ${JSON.stringify(await extraLinks(page))}`,
      });
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.context().close();
    }
  },
);

test('a broken front matter shows the overlay with file and line; fixing it clears it', async (t) => {
  const rel = 'content/articles/hamstring-stretch.md';
  const good = await site.read(rel);
  const { page, loads } = await open('/articles/hamstring-stretch/');
  await page.evaluate(() => {
    window.__marker = 1;
  });
  // `: ` inside an unquoted value is invalid YAML, reported on that very line.
  const broken = good.replace('title: Hamstring stretch\n', 'title: Hamstring stretch: the basics\n');
  assert.notEqual(broken, good);
  const line = broken.split('\n').findIndex((l) => l.startsWith('title: Hamstring stretch:')) + 1;
  await site.write(rel, broken);
  const overlay = page.locator('#handout-overlay');
  await overlay.waitFor({ state: 'visible', timeout: SHOWS_WITHIN });

  const text = await overlayText(page);
  t.diagnostic(`overlay: ${text.replace(/\s+/g, ' ')}`);
  const where = await page.locator('#handout-overlay .handout-overlay__where').allInnerTexts();
  assert.equal(where.length, 1, `expected one error, got ${JSON.stringify(where)}`);
  assert.match(where[0], new RegExp(`^${rel.replace(/[.]/g, '\\.')}:${line}(:\\d+)?$`), 'the overlay names the file and line');
  assert.match(text, /1 build error/);
  assert.match(text, /invalid YAML/);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  // It covers the page, and the last good version is still underneath.
  const box = await overlay.boundingBox();
  const view = page.viewportSize();
  assert.ok(box && box.width >= view.width && box.height >= view.height, `the overlay does not cover the page: ${JSON.stringify(box)}`);
  assert.match(await page.locator('main h1').innerText(), /^Hamstring stretch$/);
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page reloaded to show the error');
  assert.equal(loads(), 1);

  await t.test('axe-core finds no violations with the overlay showing, in light and dark mode', async () => {
    const found = await runAxe(page, axe, { runOnly: { type: 'tag', values: [...WCAG, 'best-practice'] } });
    // A page loaded while the error stands gets the overlay from the server, in dark mode here.
    const dark = await open('/articles/hamstring-stretch/', { colorScheme: 'dark' });
    await dark.page.locator('#handout-overlay').waitFor({ state: 'visible', timeout: SHOWS_WITHIN });
    assert.equal(await overlayText(dark.page), text, 'a page loaded while the error stands shows another overlay');
    const foundDark = await runAxe(dark.page, axe, { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] } });
    await dark.page.context().close();
    const report = describeViolations('overlay', found) + '\n' + describeViolations('overlay (dark mode)', foundDark);
    assert.equal(found.length + foundDark.length, 0, '\n' + report.trim());
  });

  const fixed = Date.now();
  const again = connected(page); // the fix reloads the page, which connects again
  await site.write(rel, good);
  await overlay.waitFor({ state: 'detached', timeout: SHOWS_WITHIN });
  await until(async () => /^Hamstring stretch$/.test(await page.locator('main h1').innerText()), 'the article is back');
  await again;
  t.diagnostic(`the overlay went ${Date.now() - fixed} ms after the fix`);
  assert.match(await page.locator('main').innerText(), /Sit on the floor with one leg straight/);
  assert.equal(loads(), 2, 'expected exactly one reload after the fix');
  await page.context().close();
});

test('no page of the preview requests anything from another origin, and nothing failed', (t) => {
  const origin = preview.origin;
  const foreign = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin);
  t.diagnostic(`${requests.length} requests, ${foreign.length} to other origins`);
  assert.ok(requests.some((r) => new URL(r.url).pathname === EVENTS), 'no page connected to the event stream');
  assert.deepEqual(foreign.map((r) => `${r.page} requested ${r.url}`), [], 'requests to other origins');
  assert.deepEqual(problems, [], 'failed requests, script errors or CSP violations');
});
