// Privacy and trust: every request a page makes goes to the site itself, the
// Content-Security-Policy forbids inline script and other origins and the theme works under it,
// and each page carries its canonical address, description, Open Graph data, favicon and valid
// JSON-LD. Also: the print button appears only when JavaScript runs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { siteDir, serve, launch, pagesToVisit, htmlPages, isRedirect, EXAMPLE_ARTICLE } from './lib/site.mjs';

let root;
let server;
let chrome;
let pages;

before(async () => {
  root = siteDir();
  server = await serve(root);
  chrome = await launch();
  pages = await pagesToVisit(root);
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** The text of a built page, by URL path. */
function source(urlPath) {
  const file = urlPath.endsWith('/') ? path.join(root, urlPath, 'index.html') : path.join(root, urlPath);
  return readFile(file, 'utf8');
}

test('no request leaves the site, and nothing breaks the Content-Security-Policy', async (t) => {
  const page = await chrome.newPage();
  // Collect CSP violations in the page. This runs through the DevTools protocol, so the CSP
  // does not apply to it.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || ''})`);
    });
  });
  const requests = [];
  const failed = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => {
    // Chromium fetches the favicon after "load"; moving on to the next page aborts it. An
    // abort is the test's doing, not a fault of the site (the request is still origin-checked).
    const error = r.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') failed.push(`${r.url()}: ${error}`);
  });
  page.on('response', (r) => {
    // The 404 page is the only document allowed to answer 404.
    if (r.status() >= 400 && r.request().resourceType() !== 'document') failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  const foreign = [];
  const violations = [];
  let total = 0;
  for (const p of pages) {
    requests.length = 0;
    await page.goto(server.origin + p.path, { waitUntil: 'load' });
    // Scroll to the end, so anything loaded lazily is requested too, and give late requests
    // a moment (waiting for "network idle" would cost half a second a page).
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await page.waitForTimeout(50);
    total += requests.length;
    for (const url of requests) {
      if (new URL(url).origin !== server.origin && !url.startsWith('data:')) foreign.push(`${p.path} requested ${url}`);
    }
    const csp = await page.evaluate(() => window.__csp);
    violations.push(...csp.map((v) => `${p.path}: ${v}`));
  }
  await page.context().close();
  t.diagnostic(`${pages.length} pages loaded, ${total} requests, ${foreign.length} to other origins`);
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  assert.deepEqual(failed, [], 'failed requests');
});

test('every page has a strict CSP and no inline script, style or event handler', async () => {
  const problems = [];
  for (const p of await htmlPages(root)) {
    const html = await source(p);
    if (await isRedirect(root, p)) continue; // a bare meta refresh page, no theme
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    if (!csp) {
      problems.push(`${p}: no Content-Security-Policy meta tag`);
    } else {
      const policy = Object.fromEntries(
        csp[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]),
      );
      if (policy['default-src'] !== "'self'") problems.push(`${p}: default-src is ${policy['default-src']}`);
      for (const d of ['script-src', 'style-src']) {
        // The search pages (one per language; not the notice of a language without guides) run
        // Pagefind's WebAssembly: they alone may compile it.
        const isSearch = /^\/([a-z]{2,3}(-[a-z0-9]+)*\/)?search\/$/i.test(p) && !/<meta name="robots" content="noindex">/.test(html);
        const allowed = d === 'script-src' && isSearch ? "'self' 'wasm-unsafe-eval'" : "'self'";
        if (policy[d] !== allowed) problems.push(`${p}: ${d} is ${policy[d]}, expected ${allowed} only`);
      }
      if (policy['object-src'] !== "'none'") problems.push(`${p}: object-src is ${policy['object-src']}`);
    }
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const attrs = m[1];
      const isData = /type="application\/ld\+json"/.test(attrs);
      const isFile = /\bsrc="\//.test(attrs) && m[2].trim() === '';
      if (!isData && !isFile) problems.push(`${p}: inline or foreign script <script${attrs}>`);
    }
    if (/<style[\s>]/.test(html)) problems.push(`${p}: <style> element`);
    for (const m of html.matchAll(/<[a-z][a-z0-9-]*\s[^>]*?\s(style|on[a-z]+)\s*=/g)) {
      problems.push(`${p}: ${m[1]}= attribute in ${m[0].slice(0, 60)}`);
    }
    if (/<link[^>]+href="(https?:)?\/\/[^"]*"[^>]*rel="stylesheet"|<link rel="stylesheet" href="(https?:)?\/\//.test(html)) {
      problems.push(`${p}: stylesheet from another origin`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every page has a canonical address, description, Open Graph data and favicon', async () => {
  const problems = [];
  const page = await chrome.newPage();
  for (const p of pages) {
    await page.goto(server.origin + p.path);
    const head = await page.evaluate(() => {
      const meta = (sel) => document.querySelector(sel)?.getAttribute('content') ?? null;
      return {
        title: document.title,
        canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
        description: meta('meta[name="description"]'),
        ogTitle: meta('meta[property="og:title"]'),
        ogType: meta('meta[property="og:type"]'),
        ogUrl: meta('meta[property="og:url"]'),
        ogDescription: meta('meta[property="og:description"]'),
        icon: document.querySelector('link[rel="icon"]')?.getAttribute('href') ?? null,
        viewport: meta('meta[name="viewport"]'),
      };
    });
    const want = (cond, msg) => cond || problems.push(`${p.path}: ${msg}`);
    want(head.title && head.title.length > 3, 'no <title>');
    want(/^https?:\/\/[^/]+\//.test(head.canonical || ''), `canonical is not absolute: ${head.canonical}`);
    want(head.ogUrl === head.canonical, 'og:url differs from the canonical address');
    want(head.ogTitle, 'no og:title');
    want(head.ogType, 'no og:type');
    want(head.icon && head.icon.endsWith('.svg'), 'no SVG favicon');
    want(head.viewport && !/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/.test(head.viewport), `viewport locks zoom: ${head.viewport}`);
    if (!p.path.startsWith('/no-such-page')) {
      want(head.description && head.description.length > 20, 'no meta description');
      want(head.ogDescription === head.description, 'og:description differs from the description');
    }
  }
  // The favicon is served, and is an SVG.
  const res = await page.goto(server.origin + '/favicon.svg');
  assert.equal(res.status(), 200, 'favicon.svg is missing');
  assert.match(await res.text(), /^<svg/);
  await page.context().close();
  assert.deepEqual(problems, []);
});

test('JSON-LD on every page parses and names schema.org types', async (t) => {
  const problems = [];
  let blocks = 0;
  for (const p of await htmlPages(root)) {
    const html = await source(p);
    for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      blocks++;
      try {
        const data = JSON.parse(m[1]);
        if (data['@context'] !== 'https://schema.org') problems.push(`${p}: @context is ${data['@context']}`);
        if (!data['@type']) problems.push(`${p}: a block has no @type`);
      } catch (e) {
        problems.push(`${p}: JSON-LD does not parse: ${e.message}`);
      }
    }
  }
  t.diagnostic(`${blocks} JSON-LD blocks`);
  assert.ok(blocks > 0);
  assert.deepEqual(problems, []);
  // The article's FAQPage names exactly the questions the page shows.
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  const { shown, marked } = await page.evaluate(() => {
    const faq = [...document.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => JSON.parse(s.textContent))
      .find((d) => d['@type'] === 'FAQPage');
    return {
      shown: [...document.querySelectorAll('details.faq summary')].map((s) => s.textContent.trim()),
      marked: faq ? faq.mainEntity.map((q) => q.name) : [],
    };
  });
  await page.context().close();
  assert.ok(shown.length > 0, 'the example article shows no FAQ');
  assert.deepEqual(marked, shown);
});

test('the print button shows only with JavaScript, and opens the print dialog', async () => {
  const withJs = await chrome.newPage();
  await withJs.addInitScript(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed++;
    };
  });
  await withJs.goto(server.origin + EXAMPLE_ARTICLE);
  const button = withJs.getByRole('button', { name: 'Print this page' });
  assert.ok(await button.isVisible(), 'the print button is not visible with JavaScript on');
  await button.click();
  assert.equal(await withJs.evaluate(() => window.__printed), 1, 'clicking did not call window.print()');
  await withJs.context().close();

  const noJs = await chrome.newPage({ javaScriptEnabled: false });
  await noJs.goto(server.origin + EXAMPLE_ARTICLE);
  const hidden = noJs.locator('[data-print]');
  assert.equal(await hidden.count(), 1);
  assert.equal(await hidden.isVisible(), false, 'the print button shows without JavaScript');
  await noJs.context().close();
});
