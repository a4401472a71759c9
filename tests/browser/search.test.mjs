// Site search in headless Chromium on the example site: results as you type from the Pagefind
// index the build wrote, patients' words (synonyms from site.yaml), the part filter, keyboard
// use from the header field to a result, axe in light and dark mode with results shown, no
// request to another host, and the A–Z list when JavaScript is off.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { siteDir, serve, launch, axeSource, runAxe, describeViolations } from './lib/site.mjs';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server;
let chrome;
let axe;

before(async () => {
  server = await serve(siteDir());
  chrome = await launch();
  axe = await axeSource();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** Types `words` into the search page's field and waits for the count to be announced. */
async function search(page, words) {
  const field = page.locator('#search-q');
  await field.fill('');
  await field.pressSequentially(words, { delay: 20 });
  await page.waitForFunction(
    (w) => document.getElementById('search-status').textContent.includes(w),
    words,
  );
  return results(page);
}

/** The results shown: title, part line and address of each. */
function results(page) {
  return page.$$eval('#search-results > li', (items) =>
    items.map((li) => ({
      title: li.querySelector('.result-title').textContent,
      part: li.querySelector('.result-part').textContent,
      href: li.querySelector('a').getAttribute('href'),
    })),
  );
}

test('"scar tissue" finds the deep tissue massage guide first, with the match highlighted', async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.origin}/search/`);
  const found = await search(page, 'scar tissue');
  assert.ok(found.length > 0, 'no results');
  assert.equal(found[0].title, 'Deep tissue massage for back pain');
  assert.match(found[0].href, /^\/articles\/deep-tissue-massage\//);
  const marks = await page.$$eval('#search-results > li:first-child mark', (m) => m.map((e) => e.textContent.toLowerCase()));
  assert.ok(marks.some((m) => m.includes('scar')), `no highlight: ${marks}`);
  const status = await page.textContent('#search-status');
  assert.match(status, new RegExp(`^${found.length === 1 ? 1 : '\\d+'} results? for “scar tissue”`));
  await page.context().close();
});

test('a lay term from search.synonyms finds the guide that uses the clinical term', async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.origin}/search/`);
  // No guide says "slipped disc"; site.yaml makes it a synonym of "herniated disc".
  const body = await page.textContent('body');
  assert.ok(!body.toLowerCase().includes('slipped disc'));
  const found = await search(page, 'slipped disc');
  assert.ok(found.length > 0, 'no results for the lay term');
  // The first result is in the massage guide, which mentions a herniated disc: the guide
  // itself, one of its topic pages, or one of its questions ("… in Deep tissue massage …").
  const guide = 'Deep tissue massage for back pain';
  assert.ok(found[0].title === guide || found[0].part.endsWith(guide), JSON.stringify(found));
  await page.context().close();
});

test('the precautions filter shows only precautions results', async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.origin}/search/`);
  const all = await search(page, 'pain');
  assert.ok(all.some((r) => !r.href.endsWith('/precautions/')), 'the unfiltered search should find other parts');
  await page.selectOption('#search-part', 'precautions');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#search-results a')].every((a) => a.getAttribute('href').endsWith('/precautions/')),
  );
  const only = await results(page);
  assert.ok(only.length > 0, 'no precautions results');
  for (const r of only) {
    assert.match(r.href, /\/precautions\/$/);
    assert.ok(r.part.startsWith('Precautions'), r.part);
  }
  await page.context().close();
});

test('keyboard only: header field, results, open one', async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.origin}/`);
  let tabs = 0;
  while ((await page.evaluate(() => document.activeElement?.id)) !== 'header-search-q') {
    await page.keyboard.press('Tab');
    assert.ok(++tabs < 30, 'the header search field is not reachable with Tab');
  }
  await page.keyboard.type('ice or heat');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\/\?q=ice/);
  await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
  assert.equal(await page.inputValue('#search-q'), 'ice or heat');
  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.ok(href && href.startsWith('/'), `focus is not on a result: ${href}`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname + u.hash === href || u.href.endsWith(href));
  await page.context().close();
});

test('axe finds no violations on the search page with results, in light and dark mode', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await chrome.newPage({ colorScheme });
    await page.goto(`${server.origin}/search/`);
    await search(page, 'massage');
    const violations = await runAxe(page, axe, { runOnly: { type: 'tag', values: [...WCAG, 'best-practice'] } });
    assert.deepEqual(violations, [], describeViolations(`/search/ (${colorScheme})`, violations));
    await page.context().close();
  }
});

test('searching makes no request to another host and breaks no CSP rule', async () => {
  const page = await chrome.newPage();
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.origin}/search/?q=stretch`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
  const foreign = requests.filter((u) => !u.startsWith(server.origin + '/'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.includes('/pagefind/')), 'the index was not loaded from the site');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.context().close();
});

test('with JavaScript off, the search page lists every guide from A to Z', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await page.goto(`${server.origin}/articles/`);
  const guides = await page.$$eval('main .card-list h2 a, main .card-list h3 a', (a) => a.map((e) => e.textContent.trim()));
  await page.goto(`${server.origin}/search/?q=massage`);
  const listed = await page.$$eval('.az-list > li > a', (a) => a.map((e) => e.textContent.trim()));
  assert.ok(listed.length > 0);
  assert.deepEqual([...listed].sort((a, b) => a.localeCompare(b)), listed, 'not A to Z');
  assert.deepEqual([...listed].sort(), [...guides].sort());
  assert.ok(await page.isVisible('.az-list .az-topics a'), 'topic pages are not listed');
  await page.context().close();
});
