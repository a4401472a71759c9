// Accessibility of the default theme, checked in headless Chromium on every page of the
// example site: axe-core (WCAG 2.1 A and AA, plus axe's best practices) in light and dark mode,
// reflow at 320 px, enlarged text, keyboard use of the skip link and the FAQ, visible focus,
// target sizes, headings, and reduced motion.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteDir,
  serve,
  launch,
  pagesToVisit,
  axeSource,
  runAxe,
  describeViolations,
  setTextSize,
  horizontalOverflow,
  EXAMPLE_ARTICLE,
} from './lib/site.mjs';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server;
let chrome;
let axe;
let pages;

before(async () => {
  const root = siteDir();
  server = await serve(root);
  chrome = await launch();
  axe = await axeSource();
  pages = await pagesToVisit(root);
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** Opens `path` in a fresh page with the given context options and returns the page. */
async function open(path, options = {}) {
  const page = await chrome.newPage(options);
  const res = await page.goto(server.origin + path);
  assert.ok(res, `no response for ${path}`);
  return page;
}

test('axe-core finds no WCAG 2.1 A/AA or best-practice violations, in light and dark mode', async (t) => {
  // One tab for each colour scheme, reused from page to page: a fresh browser context for every
  // page costs more than axe itself.
  const light = await chrome.newPage({ colorScheme: 'light' });
  const dark = await chrome.newPage({ colorScheme: 'dark' });
  let checked = 0;
  for (const p of pages) {
    await t.test(`${p.name}: ${p.path}`, async () => {
      await light.goto(server.origin + p.path);
      const found = await runAxe(light, axe, { runOnly: { type: 'tag', values: [...WCAG, 'best-practice'] } });
      // Dark mode changes only colours, so only the colour rules need to run again.
      await dark.goto(server.origin + p.path);
      assert.ok(await dark.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches));
      const foundDark = await runAxe(dark, axe, {
        runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] },
      });
      const report = describeViolations(p.path, found) + '\n' + describeViolations(`${p.path} (dark mode)`, foundDark);
      assert.equal(found.length + foundDark.length, 0, '\n' + report.trim());
      checked++;
    });
  }
  await light.context().close();
  await dark.context().close();
  t.diagnostic(`${checked} pages checked, each in light and dark mode`);
});

test('pages reflow without sideways scrolling', async (t) => {
  // 320 px is WCAG's reflow width (1280 px at 400% zoom); 640 px at twice the pixel density is
  // 200% browser zoom; 32 px default text is a reader who doubled the text size in settings,
  // on a laptop and on a phone.
  const setups = [
    { label: '320 px wide', viewport: { width: 320, height: 640 } },
    { label: '200% zoom', viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
    { label: '200% text, 1280 px', viewport: { width: 1280, height: 900 }, text: 32 },
    { label: '200% text, 375 px phone', viewport: { width: 375, height: 667 }, text: 32 },
  ];
  for (const s of setups) {
    await t.test(s.label, async (st) => {
      const page = await chrome.newPage({ viewport: s.viewport, deviceScaleFactor: s.deviceScaleFactor || 1 });
      if (s.text) await setTextSize(page, s.text);
      for (const p of pages) {
        await page.goto(server.origin + p.path);
        const { over, culprits } = await horizontalOverflow(page);
        assert.ok(over <= 0, `${p.path} at ${s.label} scrolls sideways by ${over}px: ${culprits.join(', ')}`);
      }
      if (s.text) {
        const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        assert.ok(size >= 32, `body text did not grow with the reader's setting (${size}px)`);
      }
      st.diagnostic(`${pages.length} pages`);
      await page.context().close();
    });
  }
});

test('axe-core passes with text at 200% and at 320 px on the example article', async () => {
  for (const s of [
    { viewport: { width: 1280, height: 900 }, text: 32 },
    { viewport: { width: 320, height: 640 } },
  ]) {
    const page = await chrome.newPage({ viewport: s.viewport });
    if (s.text) await setTextSize(page, s.text);
    await page.goto(server.origin + EXAMPLE_ARTICLE);
    const violations = await runAxe(page, axe, { runOnly: { type: 'tag', values: WCAG } });
    await page.context().close();
    assert.equal(violations.length, 0, '\n' + describeViolations(`${EXAMPLE_ARTICLE} ${JSON.stringify(s)}`, violations));
  }
});

test('every page has a language, one h1, headings in order and the landmarks', async () => {
  const problems = [];
  const page = await chrome.newPage();
  for (const p of pages) {
    await page.goto(server.origin + p.path);
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
        level: +h.tagName[1],
        text: h.textContent.trim().slice(0, 40),
      })),
      main: document.querySelectorAll('main').length,
      banner: document.querySelectorAll('body > header').length,
      footer: document.querySelectorAll('body > footer').length,
      nav: document.querySelectorAll('body > header nav.site-nav').length,
      skip: document.querySelector('body > a.skip-link')?.getAttribute('href'),
    }));
    if (!info.lang) problems.push(`${p.path}: <html> has no lang`);
    if (info.h1 !== 1) problems.push(`${p.path}: ${info.h1} h1 elements`);
    for (let i = 1; i < info.levels.length; i++) {
      const { level, text } = info.levels[i];
      if (level > info.levels[i - 1].level + 1) {
        problems.push(`${p.path}: h${level} "${text}" follows h${info.levels[i - 1].level}`);
      }
    }
    if (info.main !== 1 || info.banner !== 1 || info.footer !== 1 || info.nav !== 1) {
      problems.push(`${p.path}: landmarks main=${info.main} header=${info.banner} footer=${info.footer} nav=${info.nav}`);
    }
    if (info.skip !== '#main') problems.push(`${p.path}: no skip link to #main`);
  }
  await page.context().close();
  assert.deepEqual(problems, []);
});

test('the skip link is the first stop, shows when focused, and moves focus to the content', async () => {
  const page = await open(EXAMPLE_ARTICLE);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { cls: el.className, text: el.textContent, top: r.top, bottom: r.bottom, height: r.height };
  });
  assert.equal(first.cls, 'skip-link');
  assert.ok(first.top >= 0 && first.height >= 24, `skip link not visible when focused: ${JSON.stringify(first)}`);
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => document.activeElement.id);
  assert.equal(after, 'main');
  await page.context().close();
});

test('FAQ questions open and close from the keyboard', async () => {
  const page = await open(EXAMPLE_ARTICLE);
  const count = await page.locator('details.faq').count();
  assert.ok(count >= 3, `expected the article's questions as <details>, found ${count}`);
  // Tab until a summary has focus, as a keyboard user would.
  let found = false;
  for (let i = 0; i < 200 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY');
  }
  assert.ok(found, 'no FAQ question could be reached with Tab');
  const isOpen = () => page.evaluate(() => document.activeElement.parentElement.open);
  assert.equal(await isOpen(), false);
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(), true, 'Enter did not open the question');
  const answerVisible = await page.evaluate(() => {
    const a = document.activeElement.parentElement.querySelector('.faq-answer');
    return a.getBoundingClientRect().height > 0;
  });
  assert.ok(answerVisible, 'the answer did not show');
  await page.keyboard.press('Space');
  assert.equal(await isOpen(), false, 'Space did not close the question');
  await page.context().close();
});

test('every control shows a clear focus indicator', async () => {
  const problems = [];
  for (const [path, scheme] of [
    [EXAMPLE_ARTICLE, 'light'],
    [EXAMPLE_ARTICLE, 'dark'],
    ['/', 'light'],
  ]) {
    const page = await open(path, { colorScheme: scheme });
    // Tab through the page and look at the outline of each stop.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        return {
          what: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' ' + (el.textContent || '').trim().slice(0, 30),
          style: cs.outlineStyle,
          width: parseFloat(cs.outlineWidth),
        };
      });
      if (!f) break;
      if (f.style === 'none' || f.width < 2) problems.push(`${path} (${scheme}): ${f.what} has outline ${f.style} ${f.width}px`);
    }
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('controls outside running text are at least 24 by 24 px', async (t) => {
  const problems = [];
  const page = await chrome.newPage();
  for (const vp of [{ width: 1280, height: 900 }, { width: 375, height: 667 }]) {
    await page.setViewportSize(vp);
    for (const p of pages) {
      await page.goto(server.origin + p.path);
      const small = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('a[href], button, summary, [tabindex="0"]')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue; // not shown (e.g. print-only)
          if (el.classList.contains('skip-link')) continue; // off screen until focused
          // WCAG 2.5.8 exempts a link inside a sentence; a link is "in a sentence" when its
          // block holds other text besides it.
          const block = el.closest('p, li, td, th, dd, figcaption, h1, h2, h3, h4');
          const inline = getComputedStyle(el).display === 'inline';
          if (block && inline) {
            const own = el.textContent.trim().length;
            const all = block.textContent.trim().length;
            if (all > own + 2) continue;
          }
          if (r.width < 24 || r.height < 24) {
            out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
        }
        return out;
      });
      problems.push(...small.map((s) => `${p.path} at ${vp.width}px: ${s}`));
    }
  }
  await page.context().close();
  t.diagnostic(`${pages.length} pages at 1280 and 375 px`);
  assert.deepEqual(problems, []);
});

test('motion follows the reader\'s reduced-motion setting', async () => {
  const read = async (reducedMotion) => {
    const page = await open(EXAMPLE_ARTICLE, { reducedMotion });
    const r = await page.evaluate(() => ({
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
      transitions: [...document.querySelectorAll('*')]
        .flatMap((el) => [getComputedStyle(el), getComputedStyle(el, '::before'), getComputedStyle(el, '::after')])
        .map((cs) => cs.transitionDuration.split(',').concat(cs.animationDuration.split(',')))
        .flat()
        .filter((d) => parseFloat(d) > 0).length,
    }));
    await page.context().close();
    return r;
  };
  const reduced = await read('reduce');
  assert.equal(reduced.scroll, 'auto', 'smooth scrolling despite prefers-reduced-motion: reduce');
  assert.equal(reduced.transitions, 0, 'transitions or animations despite prefers-reduced-motion: reduce');
  const normal = await read('no-preference');
  assert.equal(normal.scroll, 'smooth');
});

test('prose lines are a comfortable length (about 60 to 75 characters)', async () => {
  const page = await open(EXAMPLE_ARTICLE);
  const perLine = await page.evaluate(() => {
    // Average characters per rendered line over the article's long paragraphs.
    const ps = [...document.querySelectorAll('.guide-body p')].filter((p) => p.textContent.length > 200);
    let chars = 0;
    let lines = 0;
    for (const p of ps) {
      const lh = parseFloat(getComputedStyle(p).lineHeight);
      const n = Math.round(p.getBoundingClientRect().height / lh);
      // The last line of a paragraph is usually short; count only the full ones.
      if (n < 3) continue;
      chars += p.textContent.length;
      lines += n - 0.5;
    }
    return lines ? chars / lines : 0;
  });
  await page.context().close();
  assert.ok(perLine >= 55 && perLine <= 80, `about ${perLine.toFixed(0)} characters per line`);
});
