// A minimal static file server for the e2e tests: serves a built site under its base path, with
// directory index files and the site's 404 page, like a static host would.
// Usage: node tests/tools/serve.mjs <dir> <port> [base] [--gzip] [--cache]
// The page-speed benchmark serves like a real host: --gzip compresses text responses for clients that
// accept it, --cache lets the browser keep files for 10 minutes (GitHub Pages' `max-age=600`), so a
// file is fetched once however often a page refers to it. The e2e tests serve files as they are, never cached.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

const args = process.argv.slice(2);
const gzip = args.includes('--gzip');
const cacheControl = args.includes('--cache') ? 'max-age=600' : 'no-store';
const [dir = 'dist', port = '4400', base = '/'] = args.filter((a) => !a.startsWith('--'));
const root = resolve(dir);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.gift': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function fileFor(pathname) {
  if (!pathname.startsWith(base)) return undefined;
  const rel = normalize(decodeURIComponent(pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root)) return undefined;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    statSync(file);
    return file;
  } catch {
    return undefined;
  }
}

const compressible = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.gift', '.xml', '.wasm']);

/** Sends a file, gzipped when asked for (--gzip), the client accepts it and the type is worth compressing. */
function send(req, res, status, file, headers) {
  const encode = gzip && compressible.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(status, { ...headers, ...(gzip ? { vary: 'accept-encoding' } : {}), ...(encode ? { 'content-encoding': 'gzip' } : {}) });
  const body = createReadStream(file);
  if (encode) body.pipe(createGzip()).pipe(res);
  else body.pipe(res);
}

createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const file = fileFor(pathname);
  if (!file) {
    const notFound = fileFor(`${base}404.html`);
    if (notFound) send(req, res, 404, notFound, { 'content-type': types['.html'] });
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  send(req, res, 200, file, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl });
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
