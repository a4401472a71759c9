// Shared pieces of the browser suite: a static file server for the built site, the Chromium
// launch, the list of pages to visit, and small helpers.
//
// The suite reads the built site from SITE_DIR (set by run.sh). Each test file starts its own
// server on 127.0.0.1 with port 0 (the system picks a free one), so the files can run in
// parallel without agreeing on ports.

import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The built site to test (run.sh builds it into a temporary folder). */
export function siteDir() {
  const dir = process.env.SITE_DIR;
  if (!dir || !existsSync(path.join(dir, 'index.html'))) {
    throw new Error('SITE_DIR must name a built site; run tests/browser/run.sh');
  }
  return dir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serves `root` on 127.0.0.1 like a simple static host: `/x/` serves `/x/index.html`, and a
 * missing file gets `/404.html` with status 404. Resolves to `{ origin, close }`.
 */
export async function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root)) throw new Error('outside the site');
      const info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        res.writeHead(301, { Location: url.pathname + '/' });
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      const body = await readFile(path.join(root, '404.html')).catch(() => 'Not found');
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts Debian's Chromium headless with nothing that phones home. Playwright gives every
 * launch a fresh temporary profile (`--user-data-dir`) and removes it on close.
 * Resolves to `{ browser, newPage, close }`; `newPage(options)` opens a page in a new context
 * (options as for Playwright's `browser.newContext`, e.g. `{ javaScriptEnabled: false }`).
 */
export async function launch() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-quic',
    ],
  });
  return {
    browser,
    newPage: async (options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

/**
 * Sets the browser's default font size, as a reader who enlarges text in their browser
 * settings does (Chromium's default is 16 px, so 32 is 200%). The theme sizes everything in
 * rem and em, so the whole page scales.
 */
export async function setTextSize(page, px) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

/** Horizontal overflow of the page: how far it scrolls sideways, and the elements that stick out. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const over = doc.scrollWidth - width;
    const culprits = [];
    if (over > 0) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1) {
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          culprits.push(`${name} (right edge ${Math.round(r.right)} > ${width})`);
          if (culprits.length >= 5) break;
        }
      }
    }
    return { over, culprits };
  });
}

/** Every HTML file of the site, as URL paths (`/`, `/articles/x/`, `/404.html`). */
export async function htmlPages(root) {
  const out = [];
  async function walk(dir) {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.html')) {
        const rel = '/' + path.relative(root, p).split(path.sep).join('/');
        out.push(rel.endsWith('/index.html') || rel === '/index.html' ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  }
  await walk(root);
  return out.sort();
}

/** True for the small redirect pages written for old addresses (they navigate away at once). */
export async function isRedirect(root, urlPath) {
  const file = urlPath.endsWith('/') ? path.join(root, urlPath, 'index.html') : path.join(root, urlPath);
  const html = await readFile(file, 'utf8');
  return /<meta http-equiv="refresh"/i.test(html);
}

/**
 * The pages the suite visits: one of every page type of the example site, named, plus every
 * other HTML page (so a problem on any page is found), minus redirects.
 */
export async function pagesToVisit(root) {
  const named = new Map([
    ['/', 'home'],
    ['/articles/', 'articles index'],
    ['/articles/deep-tissue-massage/', 'article'],
    ['/articles/deep-tissue-massage/benefits/', 'topic: benefits'],
    ['/articles/deep-tissue-massage/what-to-expect/', 'topic: what to expect'],
    ['/articles/deep-tissue-massage/precautions/', 'topic: precautions'],
    ['/benefits/', 'hub: benefits'],
    ['/what-to-expect/', 'hub: what to expect'],
    ['/precautions/', 'hub: precautions'],
    ['/faq/', 'FAQ'],
    ['/tags/', 'tag index'],
    ['/tags/massage/', 'a tag'],
    ['/about/', 'standalone page'],
    ['/contact/', 'standalone page with a table'],
    ['/no-such-page/', '404 (served for a missing address)'],
  ]);
  const all = await htmlPages(root);
  const out = [];
  for (const [p, name] of named) {
    if (p === '/no-such-page/' || all.includes(p)) out.push({ path: p, name });
    else throw new Error(`the example site has no ${name} page at ${p}`);
  }
  for (const p of all) {
    if (named.has(p) || p === '/404.html' || (await isRedirect(root, p))) continue;
    out.push({ path: p, name: 'other page' });
  }
  return out;
}

/** The article every screenshot and the print test use. */
export const EXAMPLE_ARTICLE = '/articles/deep-tissue-massage/';

/** axe-core's source, from node_modules (never a CDN). */
export async function axeSource() {
  return readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP, which
 * forbids inline script, need not be loosened) and returns its violations.
 */
export async function runAxe(page, source, options) {
  await page.evaluate(source);
  return page.evaluate(async (opts) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, opts);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, options);
}

/** A readable list of axe violations: rule, help text, and each element with the reason. */
export function describeViolations(label, violations) {
  return violations
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    at ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}
