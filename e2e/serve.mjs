// Tiny static file server for the demo pages and the browser tests.
// No dependencies: node's own `http`, `fs` and `path`.
//
//   import { startServer } from './serve.mjs';
//   const srv = await startServer('www');      // random free port on 127.0.0.1
//   ... srv.url ...                              // e.g. "http://127.0.0.1:40123/"
//   await srv.close();
//
//   startServer('www', 0, {                     // options (the host-page tests use them):
//     mounts: { '/vendor/': 'e2e/hosts/node_modules' },   // URL prefix → another directory
//     headers: (urlPath) => ({ 'Content-Security-Policy': "script-src 'self'" }),  // per path
//   });
//
//   node e2e/serve.mjs [dir=www] [port=0]        // prints the URL, Ctrl-C to stop
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Serve `rootDir` on 127.0.0.1.
 * @param {string} rootDir directory to serve
 * @param {number} [port=0] 0 picks a random free port
 * @param {{mounts?: Record<string, string>, headers?: (urlPath: string) => Record<string, string> | undefined}} [options]
 *   mounts: URL prefixes (ending in '/') served from other directories (longest prefix wins);
 *   headers: extra response headers for a path (e.g. a Content-Security-Policy on one page)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export function startServer(rootDir, port = 0, options = {}) {
  const mounts = Object.entries(options.mounts || {})
    .map(([prefix, dir]) => [prefix, fs.realpathSync(path.resolve(dir))])
    .sort((a, b) => b[0].length - a[0].length);
  const rootReal = fs.realpathSync(path.resolve(rootDir));
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'method not allowed\n');
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'bad request\n');
    }
    if (rel.includes('\0')) return send(res, 400, 'bad request\n');
    let root = rootReal;
    let sub = rel;
    const mount = mounts.find(([prefix]) => rel.startsWith(prefix));
    if (mount) {
      root = mount[1];
      sub = rel.slice(mount[0].length - 1);
    }
    const urlPath = rel;
    let file = path.join(root, sub);
    // Outside the root (../, or a symlink pointing out): not found.
    const inside = (p) => p === root || p.startsWith(root + path.sep);
    if (!inside(file)) return send(res, 404, 'not found\n');
    let stat;
    try {
      file = fs.realpathSync(file);
      if (!inside(file)) return send(res, 404, 'not found\n');
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { Location: rel + '/', 'Cache-Control': 'no-store' });
          return res.end();
        }
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return send(res, 404, 'not found\n');
    }
    if (!stat.isFile()) return send(res, 404, 'not found\n');
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': 'no-store, no-cache, must-revalidate',
      Pragma: 'no-cache',
      Expires: '0',
      'X-Content-Type-Options': 'nosniff',
      ...(options.headers?.(urlPath) || {}),
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  // Keep-alive sockets would make close() wait; track and end them.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

// Run directly: node e2e/serve.mjs [dir] [port]
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = process.argv[2] || path.join(here, '..', 'www');
  const port = Number(process.argv[3] || 0);
  const srv = await startServer(dir, port);
  console.log(srv.url);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
