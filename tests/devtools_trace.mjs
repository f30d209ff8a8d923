// devtools_trace.mjs CHROMIUM TRACE.json TMPDIR
//
// Loads a Trace Event Format file into the trace engine of the DevTools
// that Chromium bundles (models/trace, the Performance panel's parser),
// by the DevTools protocol over a WebSocket, and prints as JSON what that
// engine made of it: {"threads": [{"pid", "tid", "name", "entries"}],
// "bounds": {...}}.  Exit 3, with the reason, where Chromium cannot start
// or its DevTools cannot be loaded (the caller skips); 1 if the engine
// throws on the trace.  Needs node 20 or later (--experimental-websocket
// before 22).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [browser, file, tmp] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');

function skip(why) {
  console.log(why);
  process.exit(3);
}

const ch = spawn(browser, ['--headless', '--no-sandbox', '--disable-gpu',
  '--remote-debugging-port=0', `--user-data-dir=${tmp}/profile`, 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
ch.on('error', e => skip(`chromium could not start: ${e.message}`));
let err = '';
const wsUrl = await new Promise(resolve => {
  ch.stderr.on('data', d => {
    err += d;
    const m = err.match(/DevTools listening on (ws:\S+)/);
    if (m) resolve(m[1]);
  });
  setTimeout(() => skip(`chromium gave no DevTools address: ${err.slice(-200)}`), 60000);
});
if (typeof WebSocket === 'undefined') skip('this node has no WebSocket');
const port = new URL(wsUrl).port;
const pages = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(pages.find(t => t.type === 'page').webSocketDebuggerUrl);
let next = 0;
const waiting = new Map();
ws.onmessage = m => {
  const d = JSON.parse(m.data);
  if (d.id && waiting.has(d.id)) {
    waiting.get(d.id)(d);
    waiting.delete(d.id);
  }
};
await new Promise(resolve => { ws.onopen = resolve; });
const send = (method, params = {}) => new Promise(resolve => {
  const id = ++next;
  waiting.set(id, resolve);
  ws.send(JSON.stringify({ id, method, params }));
});

// done prints out and exits once Chromium has exited, so that its
// profile directory is no longer written when the caller removes it.
function done(code, out) {
  console.log(out);
  ws.close();
  ch.on('exit', () => process.exit(code));
  ch.kill();
  setTimeout(() => process.exit(code), 10000);
}

await send('Page.enable');
await send('Page.navigate', { url: 'devtools://devtools/bundled/devtools_app.html' });
// The engine is an ES module of the bundled DevTools; the page only needs
// to be on the devtools:// origin to import it.
const expression = `(async () => {
  let T;
  try {
    T = await import('devtools://devtools/bundled/models/trace/trace.js');
  } catch (e) {
    return {skip: 'the bundled DevTools trace engine cannot be loaded: ' + e};
  }
  const file = JSON.parse(${JSON.stringify(text)});
  const model = T.TraceModel.Model.createWithAllHandlers();
  await model.parse(Array.isArray(file) ? file : file.traceEvents);
  const parsed = model.parsedTrace(0);
  const data = parsed.data || parsed;
  const threads = [];
  for (const [pid, p] of data.Renderer.processes)
    for (const [tid, t] of p.threads)
      threads.push({pid, tid, name: t.name, entries: t.entries.length});
  return {threads, bounds: data.Meta.traceBounds};
})()`;
let result;
for (let tries = 0; tries < 20; tries++) { // the page may still be loading
  result = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (!result.result.exceptionDetails && !result.result.result?.value?.skip) break;
  await new Promise(r => setTimeout(r, 500));
}
const r = result.result;
if (r.exceptionDetails)
  done(1, `the trace engine threw: ${JSON.stringify(r.exceptionDetails).slice(0, 500)}`);
if (r.result.value.skip)
  skip(r.result.value.skip);
done(0, JSON.stringify(r.result.value));
