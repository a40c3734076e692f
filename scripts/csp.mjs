// Trunk post-build hook: gives the built index.html a Content-Security-Policy that allows
// nothing beyond the page's own origin. trunk writes an inline module script (the loader)
// whose text changes with every build, so it is allowed by its SHA-256 hash, computed here;
// WebAssembly needs 'wasm-unsafe-eval'; plotters needs style attributes (below). Charts are
// drawn on canvases; downloads use blob: and data: URLs; nothing is fetched from elsewhere.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
  // The simulation's workers: worker.js (written below), from the page's own folder.
  "worker-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
// The workers' script: loads the page's own module (its name carries the build's hash) in a
// module worker, runs its worker entry, and reports a failure to load as an error the page
// hears (src/ui/pool.rs).
const module = html.match(/from '\.\/(jitjic-page-[0-9a-f]+\.js)'/);
const wasm = html.match(/module_or_path: '\.\/(jitjic-page-[0-9a-f]+_bg\.wasm)'/);
if (!module || !wasm) {
  console.error('csp.mjs: no jitjic-page-<hash>.js and _bg.wasm in index.html; has trunk changed its loader?');
  process.exit(1);
}
writeFileSync(
  join(dir, 'worker.js'),
  `// Written by scripts/csp.mjs at build time: the simulation worker (see src/ui/pool.rs).
import init, { worker_main } from './${module[1]}';
await init({ module_or_path: './${wasm[1]}' });
worker_main();
`,
);
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
const withoutOld = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const out = withoutOld.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
if (out === withoutOld) {
  console.error('csp.mjs: no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
writeFileSync(file, out);
console.log(`csp.mjs: Content-Security-Policy with ${hashes.length} script hash(es); worker.js loads ${module[1]}`);
