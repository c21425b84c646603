// relate's HTML report as a person uses it, in headless Chromium: Debian's `chromium`,
// driven by playwright-core (no browser download). Run by scripts/test.sh:
//
//   RELATE_BIN=target/debug/relate node --test tests-browser/
//
// Builds its own reports with RELATE_BIN into a temporary folder: the bundled demo (German,
// its default, and English) and fixtures/xss (other people's HTML in names, texts, titles,
// URLs and audience metrics). Screenshots go to docs/screenshots/report-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { skip, runner, xssDatabase, launch, watchedPage, looseNumbers, assertNothingRan, screenshots } from './common.mjs';

let work;
let context;
const reports = {};

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'relate-browser-'));
  const run = runner(work);
  // the README's first command: the demo ends with the report's path
  const demoOut = run('demo', '--dir', join(work, 'demo')).trimEnd().split('\n');
  reports.demo = demoOut[demoOut.length - 1];
  assert.ok(reports.demo.endsWith('report.html'), `the demo's last line is not the report: ${reports.demo}`);
  const demoDb = join(work, 'demo', 'relate.db');
  reports.demoEn = join(work, 'demo-en.html');
  run('--db', demoDb, 'report', '--html', reports.demoEn, '--lang', 'en');
  const xssDb = xssDatabase(run, work);
  reports.xss = join(work, 'xss.html');
  run('--db', xssDb, 'report', '--html', reports.xss, '--lang', 'en');
  context = await launch(work);
});

after(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(file, { html } = {}) {
  const { page, seen } = await watchedPage(context);
  if (html !== undefined) {
    await page.setContent(html, { waitUntil: 'load' });
  } else {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }
  return { page, seen };
}

/// Every link to evidence on the page, with what its target lists.
function evidenceLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href^="#ev-"]')].map((a) => {
      const id = a.getAttribute('href').slice(1);
      const target = document.getElementById(id);
      return {
        id,
        text: a.textContent.trim(),
        exists: !!target,
        rows: target ? target.querySelectorAll('.ev-item').length : 0,
      };
    }),
  );
}

test('demo: every number links to evidence that lists at least one item', { skip }, async () => {
  const { page } = await open(reports.demo);
  const links = await evidenceLinks(page);
  const numbers = await page.locator('a.num').count();
  assert.ok(numbers >= 30, `only ${numbers} numbers on the demo's report`);
  assert.ok(links.length > numbers, 'the chart bars and concept links lead to evidence too');
  for (const link of links) {
    assert.ok(link.exists, `${link.text} links to #${link.id}, which is not on the page`);
    assert.ok(link.rows > 0, `#${link.id} (behind ${link.text}) lists no item`);
  }
  // a number without a link has nothing behind it: it must be a zero
  const zeros = await page.locator('.zero').allTextContents();
  for (const z of zeros) assert.match(z.trim(), /^0([.,]0+)?\s?%?$/, `"${z}" is shown without evidence`);
  await page.close();
});

test('demo: no number on the page without its evidence (walks every text)', { skip }, async () => {
  const { page } = await open(reports.demo);
  // dates, quotes, names, ids and axis labels carry digits but are not measures; the method
  // notes define the measures and the evidence is what numbers link to
  const exempt = 'time, q, blockquote, code, title, .name, .what, .url, .axis, #method, #evidence, nav';
  const loose = await looseNumbers(page, exempt, 'a[href^="#ev-"]');
  assert.deepEqual(loose, [], 'numbers that are neither links to evidence nor zeros');
  await page.close();
});

test('demo: click a number, land on the items behind it', { skip }, async () => {
  const { page } = await open(reports.demo);
  const participants = page.locator('a.num[href="#ev-participants"]');
  const shown = Number((await participants.textContent()).trim());
  assert.equal(shown, 18, 'demo/EXPECTED.md: 18 participants');
  await participants.click();
  assert.equal(new URL(page.url()).hash, '#ev-participants');
  const target = page.locator('#ev-participants');
  assert.ok(await target.evaluate((el) => el.matches(':target')), 'the section is the target');
  assert.ok(await target.isVisible());
  const box = await target.boundingBox();
  assert.ok(box && box.y >= -1 && box.y < 900, `the section is scrolled into view (y = ${box?.y})`);
  // one entry per person, each with their items
  assert.equal(await target.locator('li.ev-person').count(), shown);
  assert.match(await target.textContent(), /Maria Schulte-Brandt/);
  await page.screenshot({ path: join(screenshots, 'report-evidence.png') });

  // a bar of the chart: the comments of March 2026 (demo/EXPECTED.md's ledgers: 11)
  await page.goto(pathToFileURL(reports.demo).href);
  const bar = page.locator('svg a[href="#ev-m-comments-2026-03"]');
  assert.equal((await bar.textContent()).replace(/\D/g, '').slice(0, 2), '11');
  await bar.click();
  assert.equal(new URL(page.url()).hash, '#ev-m-comments-2026-03');
  assert.equal(await page.locator('#ev-m-comments-2026-03 li.ev-item').count(), 11);
  await page.close();
});

test('demo: method notes, no request beyond the file, no error', { skip }, async () => {
  const { page, seen } = await open(reports.demo);
  const defs = await page.evaluate(() =>
    [...document.querySelectorAll('a.def')].map((a) => !!document.querySelector(a.getAttribute('href'))),
  );
  assert.ok(defs.length > 5 && defs.every(Boolean), 'every ? leads to a definition');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith('file:')), [], 'the report loads nothing');
  assert.deepEqual(seen.errors, [], 'no console errors (a CSP violation would be one)');
  // links to the originals leave without telling them where from
  const external = await page.locator('a[href^="http"]').evaluateAll((as) => as.map((a) => a.rel));
  assert.ok(external.length > 0);
  for (const rel of external) assert.equal(rel, 'noopener noreferrer');
  assert.equal(await page.getAttribute('html', 'lang'), 'de', 'the museum writes mostly German');
  await page.screenshot({ path: join(screenshots, 'report-learned.png') });
  await page.locator('#relations').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('relations').scrollIntoView());
  await page.screenshot({ path: join(screenshots, 'report-relations.png') });
  await page.evaluate(() => document.getElementById('waiting').scrollIntoView());
  await page.screenshot({ path: join(screenshots, 'report-waiting-concepts.png') });
  await page.close();
});

test('demo: the same report in English', { skip }, async () => {
  const { page } = await open(reports.demoEn);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('h2').first().textContent(), /What we learned/);
  assert.equal((await page.locator('a.num[href="#ev-participants"]').textContent()).trim(), '18');
  await page.screenshot({ path: join(screenshots, 'report-en.png') });
  await page.close();
});

/// What the payloads of fixtures/xss could have done, checked on a loaded page.
async function assertInert(page, seen, label) {
  await assertNothingRan(page, seen, label, { hover: '.who, header .name, td .name', allowedHref: /^(#|https?:)/ });
  const text = await page.evaluate(() => document.body.innerText);
  for (const payload of [
    `<script>window.__relateXss='name';alert('name')</script>Mallory`,
    `<b onmouseover="window.__relateXss='owner name'">Nordhafen</b>`,
    `Open storage night <script>window.__relateXss='title';alert('title')</script>`,
    `<script>window.__relateXss='entity';alert('entity')</script>`,
    `Eve" onmouseover="window.__relateXss='attribute'" x="`,
    `Oscar <svg onload="window.__relateXss='svg name'"></title></style></textarea><script>window.__relateXss='closing tags'</script>`,
    `' onfocus='window.__relateXss="single quote"' autofocus x=' is how`,
    `Try an "open storage evening <img src=x onerror="window.__relateXss='text img';alert('text img')">"`,
  ]) {
    assert.ok(text.includes(payload), `${label}: the payload is not shown as text: ${payload}`);
  }
}

test('xss: payloads in names, texts, titles and URLs stay text and never run', { skip }, async () => {
  const { page, seen } = await open(reports.xss);
  await assertInert(page, seen, 'report');
  // with other people's text, still nothing is refused by the policy: nothing tried to run
  assert.deepEqual(seen.errors, []);
  await page.evaluate(() => document.getElementById('waiting').scrollIntoView());
  await page.screenshot({ path: join(screenshots, 'report-xss.png') });
  await page.close();
});

test('xss: escaping alone holds, without the Content-Security-Policy', { skip }, async () => {
  const html = readFileSync(reports.xss, 'utf8');
  const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  assert.notEqual(stripped, html, 'the report has a CSP meta element');
  const { page, seen } = await open(null, { html: stripped });
  await assertInert(page, seen, 'without CSP');
  await page.close();
});

test('xss: the policy alone stops a script that got into the page', { skip }, async () => {
  const html = readFileSync(reports.xss, 'utf8').replace(
    '<main>',
    `<main><script>window.__relateXss='got in';alert('got in')</script><img src="x" onerror="window.__relateXss='img'">`,
  );
  const file = join(work, 'xss-injected.html');
  writeFileSync(file, html);
  const { page, seen } = await open(file);
  await page.waitForTimeout(300);
  assert.deepEqual(seen.dialogs, []);
  assert.equal(await page.evaluate(() => typeof window.__relateXss), 'undefined', 'the CSP let a script run');
  assert.ok(seen.errors.some((e) => /Content Security Policy/i.test(e)), `the browser reports the refusal: ${seen.errors}`);
  await page.close();
});
