// Latency of `relate serve` under load, against loopback: N requests, C at a time, spread
// over a few pages; prints p50/p95/p99 per page and overall. No dependencies (node's http).
//
//   node bench/serve_load.mjs http://127.0.0.1:8470/ [requests=2000] [concurrency=4] [paths...]
//
// The default pages are the overview, the items behind a number, people (sorted), threads,
// one thread, one person and a search. A failed request or any status but 200 stops the run.

import http from 'node:http';

const [base, total = '2000', concurrency = '4', ...given] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/serve_load.mjs URL [requests] [concurrency] [paths...]');
  process.exit(2);
}
const paths = given.length
  ? given
  : ['/', '/items?ev=comments', '/people?sort=last', '/threads', '/thread/0', '/person/0', '/search?q=museum', '/learned', '/waiting'];

const agent = new http.Agent({ keepAlive: false, maxSockets: Number(concurrency) });
function get(path) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(new URL(path, base), { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      })
      .on('error', reject);
  });
}

// a person and a thread that exist: /person/0 and /thread/0 may not
const firstLink = async (path, pattern) => {
  const html = await new Promise((resolve, reject) =>
    http.get(new URL(path, base), (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject),
  );
  return html.match(pattern)?.[0];
};
const person = await firstLink('/people', /\/person\/\d+/);
const thread = await firstLink('/threads', /\/thread\/\d+/);
const pages = paths.map((p) => (p === '/person/0' && person ? person : p === '/thread/0' && thread ? thread : p));

const times = new Map(pages.map((p) => [p, []]));
let next = 0;
const started = Date.now();
async function worker() {
  while (next < Number(total)) {
    const path = pages[next++ % pages.length];
    const r = await get(path);
    if (r.status !== 200) throw new Error(`${path}: status ${r.status}`);
    times.get(path).push(r.ms);
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const seconds = (Date.now() - started) / 1000;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const row = (label, list) => {
  const s = [...list].sort((a, b) => a - b);
  return `${label.padEnd(28)} ${String(s.length).padStart(6)} ${pct(s, 50).toFixed(1).padStart(8)} ${pct(s, 95).toFixed(1).padStart(8)} ${pct(s, 99).toFixed(1).padStart(8)}`;
};
console.log(`${total} requests, ${concurrency} concurrent, ${seconds.toFixed(1)} s (${(Number(total) / seconds).toFixed(0)}/s) against ${base}`);
console.log(`${'page'.padEnd(28)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
for (const [path, list] of times) console.log(row(path, list));
console.log(row('all', [...times.values()].flat()));
