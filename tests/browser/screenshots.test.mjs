// Screenshots of the example article as readers see it: desktop (1280 px), a 375 px phone,
// dark mode, and the first printed page; plus the home page. They are written to
// tests/browser/out/ on every run (for a look after a change), and to
// tests/browser/screenshots/ (committed, shown in the README) when UPDATE_SCREENSHOTS=1.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, copyFile, stat, rm } from 'node:fs/promises';
import path from 'node:path';
import { siteDir, serve, launch, EXAMPLE_ARTICLE, HERE } from './lib/site.mjs';

const run = promisify(execFile);
const OUT = path.join(HERE, 'out');
const KEEP = path.join(HERE, 'screenshots');

let server;
let chrome;

before(async () => {
  server = await serve(siteDir());
  chrome = await launch();
  await mkdir(OUT, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await server?.close();
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

const shots = [
  { name: 'article-desktop.png', url: EXAMPLE_ARTICLE, viewport: { width: 1280, height: 1400 } },
  { name: 'article-phone.png', url: EXAMPLE_ARTICLE, viewport: { width: 375, height: 1500 } },
  { name: 'article-dark.png', url: EXAMPLE_ARTICLE, viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' },
  { name: 'home-desktop.png', url: '/', viewport: { width: 1280, height: 1300 } },
];

for (const s of shots) {
  test(`screenshot: ${s.name}`, async () => {
    const page = await chrome.newPage({ viewport: s.viewport, colorScheme: s.colorScheme || 'light' });
    await page.goto(server.origin + s.url);
    // The picture must show the real page: its h1 and the emergency notice are on screen.
    assert.ok(await page.locator('h1').isVisible());
    assert.ok(await page.locator('.emergency').isVisible());
    await page.screenshot({ path: path.join(OUT, s.name) });
    await page.context().close();
    await keep(s.name);
  });
}

test('screenshot: article-print.png (first printed page)', async () => {
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(OUT, 'article.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  await page.context().close();
  // 72 dpi gives a page the size of the PDF's points (595 x 842), small enough to commit.
  await run('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, 'article-print')]);
  await rm(pdf);
  await keep('article-print.png');
});
