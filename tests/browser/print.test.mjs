// Print: an article printed from Chromium is a good take-home handout. The PDF (A4 and US
// Letter) carries the title, the clinic's name and phone, the review line, the page address
// with its QR code and every FAQ answer, and none of the navigation; body text is at least
// 12 pt with about 1.5 line spacing; no heading is left alone at the foot of a page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { siteDir, serve, launch, EXAMPLE_ARTICLE } from './lib/site.mjs';

const run = promisify(execFile);

let server;
let chrome;
let tmp;
/** What the screen version of the example article shows, read once. */
let facts;

before(async () => {
  server = await serve(siteDir());
  chrome = await launch();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'handout-print-'));
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  facts = await page.evaluate(() => {
    const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
    const main = document.querySelector('main');
    const navs = [...document.querySelectorAll('nav')];
    // Text that only navigation carries: link texts of every <nav>, unless the same words
    // also appear in the article's own text.
    const clone = main.cloneNode(true);
    clone.querySelectorAll('nav').forEach((n) => n.remove());
    const body = clone.textContent.replace(/\s+/g, ' ');
    const navOnly = [...new Set(navs.flatMap((n) => [...n.querySelectorAll('a')].map((a) => a.textContent.replace(/\s+/g, ' ').trim())))]
      .filter((t) => t && !body.includes(t));
    return {
      title: document.querySelector('h1').textContent.trim(),
      review: document.querySelector('.review').textContent.replace(/\s+/g, ' ').trim(),
      headings: text('main h2, main h3, main summary'),
      answers: text('.faq-answer p').map((a) => a.split(' ').slice(0, 6).join(' ')),
      navOnly: navOnly.concat(['Skip to main content']),
      footerLinks: text('.footer-nav a'),
    };
  });
  await page.context().close();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Prints the example article to PDF in `format` and returns the PDF's path and its text by page. */
async function printArticle(format) {
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  await page.emulateMedia({ media: 'print' });
  const file = path.join(tmp, `article-${format}.pdf`);
  await page.pdf({ path: file, format, printBackground: false });
  await page.context().close();
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  const pages = stdout.split('\f').filter((p) => p.trim());
  const { stdout: info } = await run('pdfinfo', [file]);
  return { file, pages, text: pages.join('\n'), info };
}

/** Text with line breaks and hyphenation undone, for phrase searches. */
const flat = (s) => s.replace(/-\n/g, '').replace(/\s+/g, ' ');

for (const format of ['A4', 'Letter']) {
  test(`the example article prints as a handout on ${format}`, async (t) => {
    const pdf = await printArticle(format);
    const text = flat(pdf.text);
    const size = pdf.info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
    const expected = format === 'A4' ? [595, 842] : [612, 792];
    assert.ok(size && Math.abs(size[1] - expected[0]) < 2 && Math.abs(size[2] - expected[1]) < 2, `page size ${size?.[0]}`);
    t.diagnostic(`${pdf.pages.length} ${format} pages`);

    assert.ok(text.includes(facts.title), 'the title is missing');
    assert.ok(text.includes('Harbourside Physiotherapy'), 'the clinic name is missing');
    assert.ok(text.includes('(360) 555-0142'), 'the clinic phone is missing');
    assert.ok(text.includes(facts.review), `the review line is missing: ${facts.review}`);
    assert.ok(/Scan the code or type this address/.test(text), 'the QR caption is missing');
    assert.ok(text.includes('https://guides.harbourside-physio.example/articles/deep-tissue-massage/'), 'the page address is missing');
    assert.ok(text.includes('In an emergency, call 911'), 'the emergency notice is missing');
    assert.ok(text.includes('not medical advice'), 'the disclaimer is missing');
    // Clinic name and phone come first, before the article.
    assert.ok(pdf.pages[0].indexOf('(360) 555-0142') < pdf.pages[0].indexOf(facts.title), 'the phone is not at the top');
    // Every FAQ answer prints, even though the questions are closed on screen.
    for (const a of facts.answers) assert.ok(text.includes(a), `FAQ answer missing: "${a}…"`);
    // No navigation.
    for (const n of facts.navOnly.concat(facts.footerLinks)) {
      assert.ok(!new RegExp(`(^|\\s)${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(text), `navigation text "${n}" is printed`);
    }
    // No page ends with a heading whose text continues on the next page.
    for (let i = 0; i < pdf.pages.length - 1; i++) {
      const lines = pdf.pages[i].split('\n').map((l) => l.trim()).filter(Boolean);
      // The last line may be the page counter from the @page footer.
      const last = lines.filter((l) => !/^Page \d+ of \d+$/.test(l)).at(-1);
      assert.ok(!facts.headings.includes(last), `page ${i + 1} of ${format} ends with the heading "${last}"`);
    }
    // A QR code is drawn in the PDF (as vector paths; pdftotext cannot see it, so check that
    // the print stylesheet shows it instead, below).
    const pdfBytes = await readFile(pdf.file);
    assert.ok(pdfBytes.length > 10_000);
  });
}

test('print styles: 12 pt text, 1.5 spacing, QR code shown, screen furniture hidden', async () => {
  const page = await chrome.newPage();
  await page.goto(server.origin + EXAMPLE_ARTICLE);
  await page.emulateMedia({ media: 'print' });
  const s = await page.evaluate(() => {
    const p = document.querySelector('.guide-body p');
    const cs = getComputedStyle(p);
    const shown = (sel) => {
      const el = document.querySelector(sel);
      return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
    };
    const qr = document.querySelector('.print-address .qr');
    return {
      fontPx: parseFloat(cs.fontSize),
      ratio: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize),
      qr: qr ? qr.getBoundingClientRect().width : 0,
      masthead: shown('.print-masthead'),
      nav: shown('.site-nav') || shown('.breadcrumbs') || shown('.guide-parts') || shown('.footer-nav'),
      button: shown('.button-print'),
    };
  });
  // 12 pt is 16 CSS px.
  assert.ok(s.fontPx >= 16, `body text is ${s.fontPx}px in print`);
  assert.ok(s.ratio >= 1.4 && s.ratio <= 1.7, `line spacing is ${s.ratio.toFixed(2)}`);
  // At least 2.5 cm wide so that phone cameras read it from paper (96 px = 2.54 cm).
  assert.ok(s.qr >= 94, `the QR code is ${s.qr}px wide in print`);
  assert.ok(s.masthead, 'the clinic masthead is not shown in print');
  assert.ok(!s.nav, 'navigation shows in print');
  assert.ok(!s.button, 'the print button shows in print');
  await page.context().close();
});

test('the printed layout fits the width of A4 and US Letter paper', async () => {
  // Printable width with the theme's 16 mm side margins, in CSS px (96 per inch).
  for (const [format, mm] of [['A4', 210 - 32], ['Letter', 215.9 - 32]]) {
    const page = await chrome.newPage({ viewport: { width: Math.floor((mm / 25.4) * 96), height: 1000 } });
    await page.goto(server.origin + EXAMPLE_ARTICLE);
    await page.emulateMedia({ media: 'print' });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `${format}: the print layout is ${over}px too wide`);
    await page.context().close();
  }
});
