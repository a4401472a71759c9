// Theming without editing templates: brand colours, a logo and footer links from site.yaml,
// a theme that extends the default one, and a site template that overrides a theme template.
// Uses the fixture site in fixtures/themed-site, which run.sh builds into THEMED_SITE_DIR.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, cp, readFile, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, axeSource, runAxe, describeViolations, HERE } from './lib/site.mjs';

const run = promisify(execFile);
const FIXTURE = path.join(HERE, 'fixtures', 'themed-site');
const ARTICLE = '/articles/knee-brace/';

let root;
let server;
let chrome;

before(async () => {
  root = process.env.THEMED_SITE_DIR;
  assert.ok(root, 'THEMED_SITE_DIR must name the built fixture site; run tests/browser/run.sh');
  server = await serve(root);
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** `#rrggbb` as the `rgb(r, g, b)` that getComputedStyle reports. */
const rgb = (hex) => {
  const n = (i) => parseInt(hex.slice(i, i + 2), 16);
  return `rgb(${n(1)}, ${n(3)}, ${n(5)})`;
};

test('brand colours from site.yaml colour the header, links and buttons in light and dark mode', async () => {
  const css = await readFile(path.join(root, 'brand.css'), 'utf8');
  const value = (name) => css.match(new RegExp(`--${name}: (#[0-9a-f]{6});`))?.[1];
  assert.equal(value('brand'), '#6a1b9a');
  assert.equal(value('accent'), '#b3261e');
  for (const [scheme, linkVar] of [['light', 'brand-on-light'], ['dark', 'brand-on-dark']]) {
    const page = await chrome.newPage({ colorScheme: scheme });
    await page.goto(server.origin + ARTICLE);
    const got = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.masthead')).backgroundColor,
      link: getComputedStyle(document.querySelector('.breadcrumbs a')).color,
      button: getComputedStyle(document.querySelector('.button-print')).backgroundColor,
      current: getComputedStyle(document.querySelector('.guide-parts [aria-current="page"]')).backgroundColor,
    }));
    await page.context().close();
    assert.equal(got.header, rgb(value('brand')), `${scheme}: header background`);
    assert.equal(got.link, rgb(value(linkVar)), `${scheme}: link colour`);
    assert.equal(got.button, rgb(value('accent')), `${scheme}: button colour`);
    assert.equal(got.current, rgb(value('brand')), `${scheme}: current part`);
  }
});

test('the branded site still passes axe-core in light and dark mode', async () => {
  const axe = await axeSource();
  const problems = [];
  for (const scheme of ['light', 'dark']) {
    const page = await chrome.newPage({ colorScheme: scheme });
    for (const p of ['/', ARTICLE, '/privacy/', '/no-such-page/']) {
      await page.goto(server.origin + p);
      const v = await runAxe(page, axe, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      if (v.length) problems.push(describeViolations(`${p} (${scheme})`, v));
    }
    await page.context().close();
  }
  assert.equal(problems.length, 0, '\n' + problems.join('\n'));
});

test('the logo and footer links from site.yaml appear on every page', async () => {
  const page = await chrome.newPage();
  for (const p of ['/', ARTICLE, '/privacy/']) {
    await page.goto(server.origin + p);
    const got = await page.evaluate(() => {
      const img = document.querySelector('.site-name img');
      return {
        alt: img?.getAttribute('alt'),
        loaded: img ? img.complete && img.naturalWidth > 0 : false,
        footer: [...document.querySelectorAll('.footer-nav a')].map((a) => [a.textContent.trim(), a.getAttribute('href')]),
      };
    });
    assert.equal(got.alt, 'Lakeside Knee Clinic', `${p}: logo alt`);
    assert.ok(got.loaded, `${p}: the logo did not load`);
    assert.deepEqual(got.footer.slice(0, 2), [
      ['Privacy notice', '/privacy/'],
      ['Accessibility statement', '/accessibility/'],
    ]);
  }
  await page.context().close();
});

test('a theme can extend the default theme, and site templates override or extend theme templates', async () => {
  const page = await chrome.newPage();
  await page.goto(server.origin + ARTICLE);
  // themes/calm/templates/article.html extends "default/article.html" and adds to one block.
  assert.equal(await page.locator('.calm-note').count(), 1, 'the child theme block is missing');
  assert.equal(await page.locator('h1').textContent(), 'Wearing a knee brace', 'the rest of the article template is gone');
  assert.ok(await page.locator('.guide-parts').isVisible());
  // templates/base.html in the site folder extends the default one and adds a stylesheet.
  const spacing = await page.evaluate(() => getComputedStyle(document.querySelector('.site-title')).letterSpacing);
  assert.notEqual(spacing, 'normal', 'the site stylesheet from templates/base.html did not apply');
  // templates/404.html in the site folder replaces the theme's page-not-found content.
  await page.goto(server.origin + '/missing/');
  assert.equal((await page.locator('h1').textContent()).trim(), 'We could not find that page');
  await page.context().close();
});

test('a brand colour with too little contrast stops the build with the ratio and a fix', async () => {
  const bin = process.env.HANDOUT_BIN;
  assert.ok(bin, 'HANDOUT_BIN must name the handout binary');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'handout-theme-'));
  try {
    await cp(FIXTURE, tmp, { recursive: true });
    const yaml = path.join(tmp, 'site.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('color: "#6a1b9a"', 'color: "#7fb3d5"'));
    const err = await run(bin, ['build', '--root', tmp, '--out', path.join(tmp, 'out')]).then(
      () => null,
      (e) => e,
    );
    assert.ok(err, 'the build succeeded with a light brand colour');
    assert.equal(err.code, 1);
    const said = err.stderr + err.stdout;
    assert.match(said, /site\.yaml:\d+:\d+/, said);
    assert.match(said, /#7fb3d5/);
    assert.match(said, /\d\.\d\d:1/);
    assert.match(said, /`?#[0-9a-f]{6}`? \(\d\.\d\d:1\)/, 'no darker suggestion');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
