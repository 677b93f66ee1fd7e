// Load test of formpdf serve's preview (docs/performance.md, "formpdf serve"): N clients each
// sending the 数据规划管理 declaration (3 pages) with a changed value to /api/preview, one after
// another, for S seconds; prints the count, errors, and the latency (client) and render time
// (server, from Server-Timing) percentiles. Node's own http module: nothing to install.
//
//   node bench/serve_load.js build/formpdf inputs/declarations [CLIENTS=20] [SECONDS=30]
'use strict';

const http = require('http');
const {spawn} = require('child_process');

const [formpdf, dir, clientsArg, secondsArg] = process.argv.slice(2);
const clients = Number(clientsArg || 20);
const seconds = Number(secondsArg || 30);
const SEED = '440304221061500600008.yaml';

function request(port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, method, path, headers, agent}, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks)}));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const agent = new http.Agent({keepAlive: true, maxSockets: 1000});

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
}

async function main() {
  const server = spawn(formpdf, ['serve', dir, '--listen', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'inherit']});
  const port = await new Promise((resolve) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/127\.0\.0\.1:(\d+)\//);
      if (match) resolve(Number(match[1]));
    });
  });
  const session = await request(port, 'GET', '/api/session', {});
  const cookie = session.headers['set-cookie'][0].split(';')[0];
  const csrf = JSON.parse(session.body).csrf;
  const form = JSON.parse((await request(port, 'GET', '/api/form?path=' + SEED, {Cookie: cookie})).body);
  const headers = {Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json'};

  const latencies = [];
  const renders = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const client = async (id) => {
    let n = 0;
    while (Date.now() < end) {
      const declaration = JSON.parse(JSON.stringify(form.declaration));
      declaration.fields.project_name = `数据规划管理 客户${id} 第${n++}次`;
      const body = JSON.stringify({declaration});
      const start = process.hrtime.bigint();
      try {
        const response = await request(port, 'POST', '/api/preview', headers, body);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (response.status !== 200 || response.body.subarray(0, 5).toString() !== '%PDF-') {
          errors++;
          continue;
        }
        latencies.push(ms);
        const timing = /dur=([0-9.]+)/.exec(response.headers['server-timing'] || '');
        if (timing) renders.push(Number(timing[1]));
      } catch (e) {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({length: clients}, (_, i) => client(i)));
  server.kill('SIGTERM');
  latencies.sort((a, b) => a - b);
  renders.sort((a, b) => a - b);
  const fmt = (x) => x.toFixed(1);
  console.log(`clients ${clients}, ${seconds} s: ${latencies.length} previews (${fmt(latencies.length / seconds)}/s), ${errors} errors`);
  console.log(`latency ms (client): p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, ` +
              `p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies[latencies.length - 1])}`);
  console.log(`server time ms (Server-Timing, render of one preview): p50 ${fmt(percentile(renders, 50))}, ` +
              `p95 ${fmt(percentile(renders, 95))}, max ${fmt(renders[renders.length - 1])}`);
  process.exit(errors ? 1 : 0);
}

main();
