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
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skip, relate, runner, xssDatabase, launch, watchedPage, looseNumbers, assertNothingRan, screenshots } from './common.mjs';

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
  const run = runner(work);
  run('demo', '--dir', join(work, 'demo'));
  const xssDb = xssDatabase(run, work);
  [urls.demo, urls.xss] = await Promise.all([
    serve(join(work, 'demo', 'relate.db'), '--lang', 'en'),
    serve(xssDb, '--lang', 'en'),
  ]);
  context = await launch(work);
});

after(async () => {
  await context?.close();
  for (const child of servers) child.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(base, path) {
  const { page, seen } = await watchedPage(context);
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
    // dates, quotes, names, ids and axis labels carry digits but are not measures; the lists
    // of items (ol.rows) are the evidence itself, and a pager counts pages
    const exempt = 'time, q, blockquote, code, title, .name, .what, .url, .axis, nav, form, ol.rows, .pager, .listcount';
    const loose = await looseNumbers(page, exempt, 'a[href^="/items"], a[href^="/person/"], a[href^="/thread/"]');
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
  await assertNothingRan(page, seen, label, { hover: '.who, .name', allowedHref: /^(#|\/|https?:)/ });
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
