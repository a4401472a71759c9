// Writing aids in the browser: the example article with urgent-care callouts, key points and
// glossary terms passes axe in light and dark mode (also with a definition open); a
// definition opens from the keyboard without leaving the sentence; the printout starts with
// the key points and ends with the list of words explained. Also takes the callouts'
// screenshot for the README (kept in screenshots/ when UPDATE_SCREENSHOTS=1).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, mkdir, copyFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { siteDir, serve, launch, axeSource, runAxe, describeViolations, EXAMPLE_ARTICLE, HERE } from './lib/site.mjs';

const run = promisify(execFile);
const RULES = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
const PAGES = [EXAMPLE_ARTICLE, `${EXAMPLE_ARTICLE}precautions/`, '/precautions/', '/glossary/'];

let server;
let chrome;
let axe;
let tmp;

before(async () => {
  server = await serve(siteDir());
  chrome = await launch();
  axe = await axeSource();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'handout-writing-'));
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Tabs from the top of the page to the first glossary term; returns the number of presses. */
async function tabToTerm(page) {
  for (let i = 1; i <= 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('term'))) return i;
  }
  return 0;
}

for (const scheme of ['light', 'dark']) {
  test(`callouts, key points and terms pass axe in ${scheme} mode`, async () => {
    const page = await chrome.newPage({ colorScheme: scheme });
    for (const p of PAGES) {
      await page.goto(server.origin + p);
      const found = await runAxe(page, axe, RULES);
      assert.equal(found.length, 0, describeViolations(`${p} (${scheme})`, found));
    }
    // The article shows all three levels, the key points and terms.
    await page.goto(server.origin + EXAMPLE_ARTICLE);
    for (const sel of ['.callout-emergency', '.callout-urgent', '.callout-routine', '.key-points', 'a.term dfn']) {
      assert.ok(await page.locator(sel).first().isVisible(), `${sel} is not shown`);
    }
    // And with a definition open over the text.
    assert.ok((await tabToTerm(page)) > 0, 'no glossary term reached with Tab');
    const open = await runAxe(page, axe, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    assert.equal(open.length, 0, describeViolations(`${EXAMPLE_ARTICLE} with a definition open (${scheme})`, open));
    await page.context().close();
  });
}

test('a definition opens from the keyboard, in place, and is part of the link name', async () => {
  const page = await chrome.newPage({ viewport: { width: 375, height: 800 } });
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  const box = () =>
    page.evaluate(() => {
      const def = document.querySelector('a.term .term-def');
      const r = def.getBoundingClientRect();
      return { width: r.width, height: r.height, right: r.right, text: def.textContent.trim() };
    });
  const closed = await box();
  assert.ok(closed.width <= 1 && closed.height <= 1, `the definition shows before focus: ${JSON.stringify(closed)}`);
  assert.ok((await tabToTerm(page)) > 0, 'no glossary term reached with Tab');
  const opened = await box();
  assert.ok(opened.width > 150 && opened.height > 16, `the definition does not open: ${JSON.stringify(opened)}`);
  assert.ok(opened.right <= 375, `the definition runs off a phone screen: ${opened.right}px`);
  // The page did not move away: still the article, with the term focused.
  assert.equal(new URL(page.url()).pathname, EXAMPLE_ARTICLE);
  const name = await page.evaluate(() => document.activeElement.textContent.replace(/\s+/g, ' ').trim());
  assert.ok(name.includes(opened.text), `the link's name "${name}" lacks its definition`);
  // Enter follows the link to the term's glossary entry.
  const slug = await page.evaluate(() => new URL(document.activeElement.href).hash.slice(1));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/glossary\//);
  assert.ok(await page.locator(`[id="${slug}"]`).isVisible(), `no entry #${slug} on the glossary page`);
  await page.context().close();
});

test('the printout starts with the key points and lists the words explained', async () => {
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  const facts = await page.evaluate(() => ({
    title: document.querySelector('h1').textContent.trim(),
    points: [...document.querySelectorAll('.key-points li')].map((li) => li.textContent.trim()),
    intro: document.querySelector('.intro p').textContent.replace(/\s+/g, ' ').trim().split(' ').slice(0, 5).join(' '),
    terms: [...document.querySelectorAll('.terms-used dt')].map((dt) => dt.textContent.trim()),
    definitions: [...document.querySelectorAll('.terms-used dd')].map((dd) => dd.textContent.trim()),
  }));
  assert.ok(facts.points.length > 0 && facts.terms.length > 0, JSON.stringify(facts));
  await page.emulateMedia({ media: 'print' });
  const file = path.join(tmp, 'article.pdf');
  await page.pdf({ path: file, format: 'A4', printBackground: false });
  await page.context().close();
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  const text = stdout.replace(/-\n/g, '').replace(/\s+/g, ' ');
  const at = (s) => text.indexOf(s);
  assert.ok(at('Key points') > at(facts.title), 'the key points come before the title');
  for (const p of facts.points) {
    assert.ok(at(p) > 0 && at(p) < at(facts.intro), `key point "${p}" is not printed before the text`);
  }
  const list = at('Words explained');
  assert.ok(list > at(facts.intro), 'the list of words explained is missing');
  facts.terms.forEach((t, i) => {
    const d = facts.definitions[i];
    assert.ok(text.indexOf(`${t} ${d}`, list) > 0, `"${t}" is not listed with its definition`);
    // In the text itself the definition is not printed again.
    assert.equal(text.split(d).length - 1, 1, `the definition of "${t}" is printed more than once`);
  });
});

test('screenshot: callouts.png', async () => {
  const page = await chrome.newPage({ viewport: { width: 800, height: 1200 } });
  await page.goto(server.origin + `${EXAMPLE_ARTICLE}precautions/`);
  const boxes = await page.evaluate(() =>
    ['.callout-emergency', '.callout-urgent', '.callout-routine'].map((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { x: r.x, y: r.y + window.scrollY, bottom: r.bottom + window.scrollY, width: r.width };
    }),
  );
  const top = Math.min(...boxes.map((b) => b.y)) - 16;
  const bottom = Math.max(...boxes.map((b) => b.bottom)) + 16;
  const out = path.join(HERE, 'out');
  await mkdir(out, { recursive: true });
  const shot = path.join(out, 'callouts.png');
  await page.screenshot({
    path: shot,
    fullPage: true,
    clip: { x: boxes[0].x - 16, y: top, width: boxes[0].width + 32, height: bottom - top },
  });
  await page.context().close();
  if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(shot, path.join(HERE, 'screenshots', 'callouts.png'));
});
