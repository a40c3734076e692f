// Trunk post-build hook: gives the built index.html a Content-Security-Policy that allows
// nothing beyond the page's own origin. trunk writes an inline module script (the loader)
// whose text changes with every build, so it is allowed by its SHA-256 hash, computed here;
// WebAssembly needs 'wasm-unsafe-eval'; plotters needs style attributes (below). Charts are
// drawn on canvases; downloads use blob: and data: URLs; nothing is fetched from elsewhere.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('csp.mjs: no TRUNK_STAGING_DIR (run as a trunk post_build hook) or folder given');
  process.exit(2);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const scripts = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length === 0) {
  console.error('csp.mjs: no inline script in index.html; has trunk changed its loader?');
  process.exit(1);
}
const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  // plotters measures chart text with a hidden <span> whose font it sets in a style
  // attribute; style attributes cannot run anything, and nothing else inline is allowed.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The simulation's workers: worker-<hash>.js (written below), from the page's own folder.
  "worker-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
// The simulation's module (src/worker_main.rs, trunk's worker binary) is written without a
// hash in its name: give it one (its content's), so a browser never pairs a cached old
// module with a new page. Then two small classic scripts load it: worker-<hash>.js in each
// worker, worker-page-<hash>.js on the page's own thread when there are no workers (it
// leaves a promise of the module's `answer` in `jitjicWorker`). The page finds them by the
// hash in <meta name="jitjic-worker"> (src/ui/worker_bridge.rs).
const glue = join(dir, 'jitjic-worker.js');
const wasmFile = join(dir, 'jitjic-worker_bg.wasm');
let glueText;
let wasmBytes;
try {
  glueText = readFileSync(glue, 'utf8');
  wasmBytes = readFileSync(wasmFile);
} catch {
  console.error('csp.mjs: no jitjic-worker.js and jitjic-worker_bg.wasm; has trunk changed its worker output?');
  process.exit(1);
}
const hash = createHash('sha256').update(glueText).update(wasmBytes).digest('hex').slice(0, 16);
const moduleJs = `jitjic-worker-${hash}.js`;
const moduleWasm = `jitjic-worker-${hash}_bg.wasm`;
renameSync(glue, join(dir, moduleJs));
renameSync(wasmFile, join(dir, moduleWasm));
writeFileSync(
  join(dir, `worker-${hash}.js`),
  `// Written by scripts/csp.mjs at build time: a simulation worker (see src/ui/pool.rs).
importScripts('./${moduleJs}');
// The first message is the module, compiled once on the page (worker-early-${hash}.js), or
// null: then the worker fetches and compiles it itself. (The module's own \`main\` sets the
// handler for every message after it.) A module that cannot load is reported as the worker's
// error, which the page hears.
self.onmessage = (e) => {
  self.onmessage = null;
  wasm_bindgen({ module_or_path: e.data instanceof WebAssembly.Module ? e.data : './${moduleWasm}' })
    .catch((err) => setTimeout(() => { throw err; }));
};
`,
);
writeFileSync(
  join(dir, `worker-page-${hash}.js`),
  `${glueText}
// Written by scripts/csp.mjs at build time: the simulation on the page's own thread (see
// src/ui/worker_bridge.rs).
globalThis.jitjicWorker = wasm_bindgen({ module_or_path: './${moduleWasm}' }).then(() => wasm_bindgen.answer);
`,
);
// The simulation's module is fetched and compiled as the page's head is read, once for every
// worker (a compiled module is posted to a worker, not compiled again there), while the page's
// own module loads, not after it; the first worker starts at once (the pool adopts it:
// `early_worker` in src/ui/pool.rs) and `spawn` starts the others on the same module. What the
// first worker says before the pool listens (its "ready", or an error) is kept and said again
// once the pool does. Not for `?workers=0`.
const early = `worker-early-${hash}.js`;
writeFileSync(
  join(dir, early),
  `// Written by scripts/csp.mjs at build time: the simulation's module compiled once, and the
// first worker started early.
(() => {
  if (new URLSearchParams(location.search).get('workers') === '0' || typeof Worker !== 'function') return;
  const url = './${moduleWasm}';
  let compiled = null;
  try {
    // Streaming compiles as the bytes arrive; a server that does not say application/wasm
    // gets the plain compile.
    compiled = WebAssembly.compileStreaming(fetch(url))
      .catch(() => fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));
    compiled.catch(() => {});
  } catch { /* no WebAssembly here: each worker reports it */ }
  const spawn = () => {
    const worker = new Worker('./worker-${hash}.js');
    // A module that did not compile here: the worker tries itself and reports why it cannot.
    const give = (m) => worker.postMessage(m ?? null);
    if (compiled) compiled.then(give, () => give(null)); else give(null);
    return worker;
  };
  let worker;
  try { worker = spawn(); } catch { return; }
  const said = [];
  worker.onmessage = (e) => said.push(['message', e]);
  worker.onerror = (e) => { e.preventDefault(); said.push(['error', e]); };
  globalThis.jitjicSpawnWorker = spawn;
  globalThis.jitjicEarlyWorker = {
    worker,
    adopt(onMessage, onError) {
      worker.onmessage = onMessage;
      worker.onerror = onError;
      setTimeout(() => { for (const [kind, e] of said.splice(0)) (kind === 'message' ? onMessage : onError)(e); }, 0);
    },
  };
})();
`,
);
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
const withoutOld = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
// The hash, for the page to find the module. (No preload: a worker does not use what the
// page preloaded, and Chromium warns that it went unused.)
const workerMeta = `<meta name="jitjic-worker" content="${hash}" />\n    <script src="./${early}"></script>`;
const out = withoutOld
  .replace(/\s*<meta name="jitjic-worker"[^>]*>/, '')
  .replace(/\s*<script src="\.\/worker-early-[0-9a-f]+\.js"><\/script>/, '')
  .replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}\n    ${workerMeta}`);
if (out === withoutOld) {
  console.error('csp.mjs: no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
writeFileSync(file, out);
console.log(`csp.mjs: Content-Security-Policy with ${hashes.length} script hash(es); the simulation's module is ${moduleWasm}`);
