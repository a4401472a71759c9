// Several languages in the browser: axe on the Spanish guide and the Arabic pages in light and
// dark mode, an Arabic page that really runs right to left (navigation mirrored, the phone
// number still in its own order), Arabic screenshots at desktop and phone width, and the
// language switcher used by keyboard alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  siteDir,
  serve,
  launch,
  axeSource,
  runAxe,
  describeViolations,
  EXAMPLE_ARTICLE,
  HERE,
} from './lib/site.mjs';

const OUT = path.join(HERE, 'out');
const KEEP = path.join(HERE, 'screenshots');
const SPANISH_ARTICLE = '/es/articles/masaje-de-tejido-profundo/';
const ARABIC_HELP = '/ar/language-help/';
const ARABIC_NOTICE = '/ar/articles/deep-tissue-massage/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let server;
let chrome;
let axe;

before(async () => {
  server = await serve(siteDir());
  chrome = await launch();
  axe = await axeSource();
  await mkdir(OUT, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

for (const url of [SPANISH_ARTICLE, '/es/', '/es/faq/', ARABIC_HELP, ARABIC_NOTICE, '/ar/']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: ${url} in ${colorScheme} mode`, async () => {
      const page = await chrome.newPage({ colorScheme });
      await page.goto(server.origin + url);
      const found = await runAxe(page, axe, { runOnly: { type: 'tag', values: WCAG } });
      await page.context().close();
      assert.deepEqual(found, [], describeViolations(`${url} (${colorScheme})`, found));
    });
  }
}

test('an Arabic page runs right to left and keeps the phone number in order', async () => {
  const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.origin + ARABIC_HELP);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  // The main navigation starts at the right: its first link is right of its second.
  const links = page.locator('.site-nav li');
  const first = await links.nth(0).boundingBox();
  const second = await links.nth(1).boundingBox();
  assert.ok(first.x > second.x, `first nav item at ${first.x}, second at ${second.x}`);
  // The phone number in the Arabic notice reads left to right, digits in their order.
  const phone = page.locator('section[lang="ar"] a[dir="ltr"]');
  assert.equal(await phone.evaluate((e) => getComputedStyle(e).direction), 'ltr');
  assert.equal((await phone.textContent()).trim(), '(360) 555-0142');
  await page.context().close();
});

/** Saves `name` from out/ to screenshots/ when asked to, and checks it is a real picture. */
async function keep(name) {
  const file = path.join(OUT, name);
  const { size } = await stat(file);
  assert.ok(size > 5000, `${name} is only ${size} bytes`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(KEEP, { recursive: true });
    await copyFile(file, path.join(KEEP, name));
  }
}

for (const s of [
  { name: 'arabic-desktop.png', viewport: { width: 1280, height: 1100 } },
  { name: 'arabic-phone.png', viewport: { width: 375, height: 1400 } },
]) {
  test(`screenshot: ${s.name}`, async () => {
    const page = await chrome.newPage({ viewport: s.viewport });
    await page.goto(server.origin + ARABIC_HELP);
    assert.ok(await page.locator('h1').isVisible());
    await page.screenshot({ path: path.join(OUT, s.name) });
    await page.context().close();
    await keep(s.name);
  });
}

test('the language switcher works by keyboard alone', async () => {
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  const target = page.locator('.language-switch a[hreflang="es"]');
  assert.equal(await target.count(), 1, 'the English guide offers its Spanish version');
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await target.evaluate((e) => e === document.activeElement);
  }
  assert.ok(reached, 'Tab never reached the Spanish link');
  // The focused link is visibly marked.
  const outline = await target.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none');
  await Promise.all([page.waitForURL(`**${SPANISH_ARTICLE}`), page.keyboard.press('Enter')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal((await page.locator('.language-switch a[aria-current]').textContent()).trim(), 'Español');
  await page.context().close();
});
