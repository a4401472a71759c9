// Every generated HTML file passes the W3C Nu HTML Checker (vnu.jar from npm, run with the
// machine's Java) with no errors: the example site, and the themed fixture site when run.sh
// built it (THEMED_SITE_DIR). One Java start checks both folders, which is far faster than one
// start per file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteDir, htmlPages } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

test('the Nu HTML Checker finds no errors in any page', async (t) => {
  const root = siteDir();
  const roots = [root, process.env.THEMED_SITE_DIR].filter(Boolean);
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  let files = 0;
  for (const r of roots) files += (await htmlPages(r)).length;
  let stderr = '';
  try {
    // vnu exits 1 when it finds errors; the JSON report is what we read either way.
    ({ stderr } = await run(
      'java',
      ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', ...roots],
      { maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch (e) {
    if (typeof e.stderr !== 'string' || !e.stderr.trim().startsWith('{')) throw e;
    stderr = e.stderr;
  }
  const report = JSON.parse(stderr || '{"messages":[]}');
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const byFile = new Map();
  for (const m of errors) {
    const abs = fileURLToPath(m.url);
    const base = roots.find((r) => abs.startsWith(r + path.sep)) || root;
    const file = path.join(path.basename(base), path.relative(base, abs));
    const where = `${file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(`${where}: ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, ' ').trim()}` : ''}`);
  }
  t.diagnostic(`${files} HTML files checked in ${roots.length} site(s), ${errors.length} errors`);
  const listing = [...byFile.values()].flat().join('\n');
  assert.equal(errors.length, 0, `\n${listing}`);
});
