// Runs `handout serve` for the browser suite: copies a site into a temporary folder, starts
// the release binary on a free port, reads the address from its first line of output, and
// stops it (and removes the folder) afterwards, also when a test fails.

import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { HERE } from './site.mjs';

/** The repository root. */
export const REPO = path.dirname(path.dirname(HERE));

/** The handout binary: HANDOUT_BIN (set by run.sh), else the release build in target/. */
export function handoutBin() {
  const bin = process.env.HANDOUT_BIN || path.join(REPO, 'target', 'release', 'handout');
  if (!existsSync(bin)) throw new Error(`no handout binary at ${bin}; run tests/browser/run.sh`);
  return bin;
}

/** Copies the site folder `from` into a new temporary folder and returns its path. */
export async function copySite(from) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-serve-'));
  await cp(from, dir, { recursive: true });
  return dir;
}

/**
 * Starts `handout serve --root ROOT --port 0` and waits (at most `timeout` ms) for its first
 * line of output, `Serving http://127.0.0.1:PORT/ (press Ctrl-C to stop)`. Resolves to
 * `{ url, origin, log, stop }`: `log()` is everything the preview printed on stderr so far
 * (for failure messages), `stop()` ends the process and resolves once it has exited.
 */
export async function startServe(root, { timeout = 10_000 } = {}) {
  const child = spawn(handoutBin(), ['serve', '--root', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test run that ends early (an uncaught error, Ctrl-C) must not leave the preview behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  async function stop() {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  }

  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`handout serve printed no address within ${timeout} ms\n${stderr}`)), timeout);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`handout serve exited (${code ?? signal}) before printing an address\n${stderr}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  // Keep reading stdout so the pipe never fills up.
  lines.on('line', () => {});
  const m = first.match(/^Serving (http:\/\/\S+\/) /);
  if (!m) {
    await stop();
    throw new Error(`unexpected first line from handout serve: ${first}`);
  }
  return { url: m[1], origin: new URL(m[1]).origin, log: () => stderr, stop };
}

/** Removes a temporary site folder. */
export function removeSite(dir) {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/**
 * Calls `probe` (which may be async, and may throw while the page reloads) every `interval` ms
 * until it returns something truthy, and returns that; throws `what` after `timeout` ms,
 * with the last value or error.
 */
export async function until(probe, what, { timeout = 5000, interval = 25, detail } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= end) {
      last = last instanceof Error ? last.message.split('\n')[0] : JSON.stringify(last);
      const more = detail ? `\n${await detail()}` : '';
      throw new Error(`${what}: not within ${timeout} ms (last: ${last})${more}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
