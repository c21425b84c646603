// What the browser suites share: where relate and the browser are, the XSS fixture database,
// a fresh Chromium, and the checks both the report and the dashboard must pass. Not a test
// file itself (node --test runs *.test.mjs).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..');
export const relate = resolve(repo, process.env.RELATE_BIN ?? 'target/debug/relate');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const screenshots = resolve(repo, process.env.RELATE_SCREENSHOTS ?? 'docs/screenshots');

// Without a browser there is nothing to test here; CI must have one (.ci/run installs it).
const missing = !existsSync(chromiumPath)
  ? `no browser at ${chromiumPath} (apt-get install chromium)`
  : !existsSync(relate)
    ? `no relate binary at ${relate} (cargo build -p relate-cli)`
    : null;
if (missing && process.env.CI === 'true') {
  throw new Error(`the browser suite must run in CI: ${missing}`);
}
/// The `skip` option of every test: a reason when this machine cannot run them.
export const skip = missing ? `skipped: ${missing}` : false;

/// Runs relate in `work` and returns its stdout.
export const runner = (work) => (...args) =>
  execFileSync(relate, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/// A database from fixtures/xss: other people's HTML in names, texts, titles, URLs, metrics.
export function xssDatabase(run, work) {
  const db = join(work, 'xss.db');
  run('--db', db, 'import', join(repo, 'fixtures/xss/payloads.csv'));
  run('--db', db, 'import', join(repo, 'fixtures/xss/audience.csv'));
  run('--db', db, 'owner', 'add', 'csv:museum');
  return db;
}

/// Debian's Chromium with a fresh profile in `work`, no network chatter of its own.
export async function launch(work) {
  const { chromium } = await import('playwright-core');
  // `headless: true` adds --headless
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(screenshots, { recursive: true });
  return context;
}

/// A new page that records dialogs (dismissed), requests and errors.
export async function watchedPage(context) {
  const page = await context.newPage();
  const seen = { dialogs: [], requests: [], errors: [] };
  page.on('dialog', async (d) => {
    seen.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return { page, seen };
}

/// Texts with digits in `main` that are neither inside `exempt` nor in a link matching
/// `links` nor a `.zero`: numbers shown without their evidence.
export function looseNumbers(page, exempt, links) {
  return page.evaluate(([exempt, links]) => {
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\d/.test(node.textContent)) continue;
      const el = node.parentElement;
      if (el.closest(exempt) || el.closest(links) || el.closest('.zero')) continue;
      found.push(`${el.tagName}: ${node.textContent.trim()}`);
    }
    return found;
  }, [exempt, links]);
}

/// Nothing the XSS payloads could do happened: no dialog, no flag set, no injected element,
/// event handler or script link. `hover` selects what shows others' words (hovered for the
/// handlers that need it); `allowedHref` is the links the page itself writes.
export async function assertNothingRan(page, seen, label, { hover, allowedHref }) {
  await page.waitForTimeout(300); // an onload or onerror would have run by now
  for (const el of (await page.locator(hover).all()).slice(0, 30)) {
    await el.hover({ timeout: 1000 }).catch(() => {});
  }
  await page.keyboard.press('Tab');
  assert.deepEqual(seen.dialogs, [], `${label}: a dialog opened`);
  assert.equal(await page.evaluate(() => typeof window.__relateXss), 'undefined', `${label}: a payload ran`);
  const injected = await page.evaluate((allowed) => ({
    elements: [...document.querySelectorAll('script, img, iframe, object, embed, textarea, b, svg svg')].map((e) => e.outerHTML),
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
    ),
    scriptLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !new RegExp(allowed, 'i').test(h)),
  }), allowedHref.source);
  assert.deepEqual(injected.elements, [], `${label}: an injected element exists`);
  assert.deepEqual(injected.handlers, [], `${label}: an injected event handler exists`);
  assert.deepEqual(injected.scriptLinks, [], `${label}: a link the page did not write`);
}
