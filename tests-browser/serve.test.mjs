// `relate serve`, the dashboard, as a person uses it in headless Chromium (Debian's
// `chromium`, driven by playwright-core; no browser download). Run by scripts/test.sh:
//
//   RELATE_BIN=target/debug/relate node --test tests-browser/
//
// Starts its own servers with RELATE_BIN on free loopback ports: the bundled demo, and a
// database imported from fixtures/xss (other people's HTML in names, texts, titles, URLs and
// audience metrics). Screenshots go to docs/screenshots/dashboard-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const relate = resolve(repo, process.env.RELATE_BIN ?? 'target/debug/relate');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshots = resolve(repo, process.env.RELATE_SCREENSHOTS ?? 'docs/screenshots');

// Without a browser there is nothing to test here; CI must have one (.ci/run installs it).
const missing = !existsSync(chromiumPath)
  ? `no browser at ${chromiumPath} (apt-get install chromium)`
  : !existsSync(relate)
    ? `no relate binary at ${relate} (cargo build -p relate-cli)`
    : null;
if (missing && process.env.CI === 'true') {
  throw new Error(`the browser suite must run in CI: ${missing}`);
}
const skip = missing ? `skipped: ${missing}` : false;

let work;
let context;
const servers = [];
const urls = {};

/// Starts `relate serve` on a free port; resolves with its URL (the one line on stdout).
function serve(db, ...args) {
  const child = spawn(relate, ['--db', db, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolveUrl(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`relate serve exited with ${code}: ${err}`)));
  });
}

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'relate-serve-'));
  const run = (...args) => execFileSync(relate, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run('demo', '--dir', join(work, 'demo'));
  const xssDb = join(work, 'xss.db');
  run('--db', xssDb, 'import', join(repo, 'fixtures/xss/payloads.csv'));
  run('--db', xssDb, 'import', join(repo, 'fixtures/xss/audience.csv'));
  run('--db', xssDb, 'owner', 'add', 'csv:museum');
  [urls.demo, urls.xss] = await Promise.all([
    serve(join(work, 'demo', 'relate.db'), '--lang', 'en'),
    serve(xssDb, '--lang', 'en'),
  ]);

  const { chromium } = await import('playwright-core');
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
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
});

after(async () => {
  await context?.close();
  for (const child of servers) child.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/// A page at `path` of `base`, with what it tried to do recorded: dialogs, requests, errors.
async function open(base, path) {
  const page = await context.newPage();
  const seen = { dialogs: [], requests: [], errors: [] };
  page.on('dialog', async (d) => {
    seen.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  const response = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${path}: status ${response.status()}`);
  return { page, seen };
}

/// The evidence rows a dashboard page lists.
const rowsOf = (page) => page.locator('main li.ev-item, main li.ev-person').count();

test('dashboard: every number on the overview leads to a page listing its items', { skip }, async () => {
  const { page, seen } = await open(urls.demo, '/');
  const numbers = await page.locator('a.num').count();
  assert.ok(numbers >= 30, `only ${numbers} numbers on the overview`);
  // numbers, chart bars and concept links: everything that leads to evidence
  const hrefs = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll('main a[href^="/items"]')].map((a) => a.getAttribute('href'))),
  ]);
  assert.ok(hrefs.length > 30, `${hrefs.length} evidence links`);
  const empty = [];
  for (const href of hrefs) {
    const html = await (await fetch(new URL(href, urls.demo))).text();
    if (!/class="ev-(item|person)/.test(html)) empty.push(href);
  }
  assert.deepEqual(empty, [], 'links to evidence that lists no item');
  const zeros = await page.locator('.zero').allTextContents();
  for (const z of zeros) assert.match(z.trim(), /^0([.,]0+)?\s?%?$/, `"${z}" is shown without evidence`);
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(urls.demo)), [], 'the dashboard loads nothing from elsewhere');
  assert.deepEqual(seen.errors, [], 'no console errors (a CSP violation would be one)');
  await page.screenshot({ path: join(screenshots, 'dashboard-overview.png') });
  await page.close();
});

test('dashboard: no number without its evidence on any page (walks every text)', { skip }, async () => {
  for (const path of ['/', '/learned', '/waiting', '/concepts', '/sources', '/people', '/threads']) {
    const { page } = await open(urls.demo, path);
    const loose = await page.evaluate(() => {
      // dates, quotes, names, ids and axis labels carry digits but are not measures; the
      // lists of items (ol.rows) are the evidence itself, and a pager counts pages
      const exempt = 'time, q, blockquote, code, title, .name, .what, .url, .axis, nav, form, ol.rows, .pager, .listcount';
      const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\d/.test(node.textContent)) continue;
        const el = node.parentElement;
        if (el.closest(exempt) || el.closest('a[href^="/items"], a[href^="/person/"], a[href^="/thread/"]') || el.closest('.zero')) continue;
        found.push(`${el.tagName}: ${node.textContent.trim()}`);
      }
      return found;
    });
    assert.deepEqual(loose, [], `${path}: numbers that are neither links to evidence nor zeros`);
    await page.close();
  }
});

test('dashboard: click a number, land on the items behind it, filter them', { skip }, async () => {
  const { page } = await open(urls.demo, '/');
  const participants = page.locator('a.num[href="/items?ev=participants"]');
  assert.equal(Number((await participants.textContent()).trim()), 18, 'demo/EXPECTED.md: 18 participants');
  await participants.click();
  await page.waitForURL('**/items?ev=participants');
  assert.equal(await page.locator('li.ev-person').count(), 18);
  assert.match(await page.locator('main').textContent(), /Maria Schulte-Brandt/);
  await page.screenshot({ path: join(screenshots, 'dashboard-items.png') });

  // the comments behind a number, then only those on Mastodon (ConvoKit) with the form
  await page.goto(new URL('/items?ev=comments', urls.demo).href);
  const all = await rowsOf(page);
  await page.selectOption('form.filters select[name="platform"]', 'convokit');
  await Promise.all([page.waitForURL(/platform=convokit/), page.click('form.filters button')]);
  const mastodon = await rowsOf(page);
  assert.ok(mastodon > 0 && mastodon < all, `${mastodon} of ${all} comments on convokit`);
  // each row: date, author (span.who.name), platform (span.name), kind, id
  const platforms = await page.locator('li.ev-item > span.name:not(.who)').allTextContents();
  assert.ok(platforms.every((p) => p === 'convokit'), `other platforms listed: ${platforms}`);
  await page.close();
});

test('dashboard: open a person, their timeline, a thread and search', { skip }, async () => {
  const { page } = await open(urls.demo, '/people');
  const first = page.locator('a.person').first();
  const name = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL(/\/person\/\d+$/);
  assert.equal((await page.locator('h1').textContent()).trim(), name);
  assert.ok((await rowsOf(page)) > 0, `${name}'s timeline lists no encounter`);
  await page.screenshot({ path: join(screenshots, 'dashboard-person.png') });

  // a stitched conversation: the blog post and the toots that announced it, platforms marked
  await page.goto(new URL('/threads', urls.demo).href);
  const threads = await page.locator('ol.threads > li > a:not(.num)').evaluateAll((as) => as.map((a) => a.href));
  let stitched = null;
  for (const href of threads) {
    await page.goto(href);
    const platforms = new Set(await page.locator('.badge.platform').allTextContents());
    if (platforms.size > 1) {
      stitched = href;
      break;
    }
  }
  assert.ok(stitched, 'no thread joins two platforms');
  await page.screenshot({ path: join(screenshots, 'dashboard-thread.png') });

  await page.fill('nav input[name="q"]', 'schulte');
  await Promise.all([page.waitForURL(/\/search\?q=schulte/), page.press('nav input[name="q"]', 'Enter')]);
  assert.match(await page.locator('main').textContent(), /Maria Schulte-Brandt/);
  await page.close();
});

/// What the payloads of fixtures/xss could have done, checked on a loaded page.
async function assertInert(page, seen, label) {
  await page.waitForTimeout(300); // an onload or onerror would have run by now
  for (const el of (await page.locator('.who, .name').all()).slice(0, 30)) {
    await el.hover({ timeout: 1000 }).catch(() => {});
  }
  await page.keyboard.press('Tab');
  assert.deepEqual(seen.dialogs, [], `${label}: a dialog opened`);
  assert.equal(await page.evaluate(() => typeof window.__relateXss), 'undefined', `${label}: a payload ran`);
  const injected = await page.evaluate(() => ({
    elements: [...document.querySelectorAll('script, img, iframe, object, embed, textarea, b, svg svg')].map((e) => e.outerHTML),
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
    ),
    scriptLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^(#|\/|https?:)/i.test(h)),
  }));
  assert.deepEqual(injected.elements, [], `${label}: an injected element exists`);
  assert.deepEqual(injected.handlers, [], `${label}: an injected event handler exists`);
  assert.deepEqual(injected.scriptLinks, [], `${label}: a link that is neither ours nor http(s)`);
  assert.deepEqual(seen.errors, [], `${label}: nothing even tried to run`);
}

test('xss: payloads in names, texts, titles and URLs stay text on every page', { skip }, async () => {
  const visited = [];
  for (const path of ['/', '/people', '/threads', '/waiting', '/items?ev=participants', '/search?q=script']) {
    const { page, seen } = await open(urls.xss, path);
    await assertInert(page, seen, path);
    visited.push(await page.evaluate(() => document.body.innerText));
    if (path === '/items?ev=participants') await page.screenshot({ path: join(screenshots, 'dashboard-xss.png') });
    await page.close();
  }
  // the person and the thread the payloads are in, reached by clicking
  const { page, seen } = await open(urls.xss, '/people');
  await page.locator('a.person', { hasText: 'Mallory' }).click();
  await page.waitForURL(/\/person\/\d+$/);
  await page.goto(new URL('/thread/0', urls.xss).href);
  await assertInert(page, seen, 'person and thread');
  visited.push(await page.evaluate(() => document.body.innerText));
  const text = visited.join('\n');
  for (const payload of [
    `<script>window.__relateXss='name';alert('name')</script>Mallory`,
    `Open storage night <script>window.__relateXss='title';alert('title')</script>`,
    `Eve" onmouseover="window.__relateXss='attribute'" x="`,
    `Try an "open storage evening <img src=x onerror="window.__relateXss='text img';alert('text img')">"`,
  ]) {
    assert.ok(text.includes(payload), `the payload is not shown as text: ${payload}`);
  }
  await page.close();
});

test('xss: the policy the server sends stops a script that got into a page', { skip }, async () => {
  const page = await context.newPage();
  const seen = { dialogs: [], errors: [] };
  page.on('dialog', async (d) => {
    seen.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  // the server's own response, its headers kept, with a script spliced into the body
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      '<main>',
      `<main><script>window.__relateXss='got in';alert('got in')</script><img src="x" onerror="window.__relateXss='img'">`,
    );
    await route.fulfill({ response, body });
  });
  await page.goto(new URL('/', urls.xss).href);
  await page.waitForTimeout(300);
  assert.deepEqual(seen.dialogs, []);
  assert.equal(await page.evaluate(() => typeof window.__relateXss), 'undefined', 'the CSP let a script run');
  assert.ok(seen.errors.some((e) => /Content Security Policy/i.test(e)), `the browser reports the refusal: ${seen.errors}`);
  await page.close();
});
