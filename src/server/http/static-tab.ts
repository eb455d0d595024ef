import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * Serves the built tab (vite's dist/tab) compressed and with caching headers:
 * - files under assets/ have content hashes in their names, so browsers and Teams keep them a year (immutable);
 * - pages (index.html, privacy.html, terms.html) are revalidated on every load (no-cache + ETag), so a new
 *   version reaches staff at once;
 * - anything else (favicon) for an hour.
 * Text is sent brotli- or gzip-compressed when the client accepts it. Files are read once and kept in memory
 * with their compressed forms, re-read when their size or time changes. Routes of the single-page app (/,
 * /config, /pupils/…) get index.html; `/privacy` and `/terms` get their pages. `startPage`, when given, makes
 * index.html for the address asked for (tab-start-page.ts); that page is compressed as it is sent. Files and
 * folders whose names start with a dot (vite's .vite/manifest.json) are not served.
 */
export function staticTab(tabDir: string, options: { startPage?: (html: string, url: URL) => string } = {}) {
  const root = resolve(tabDir);
  const cache = new Map<string, Entry>();

  function load(file: string): Entry | undefined {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = cache.get(file);
    if (cached?.stamp === stamp) return cached;
    const entry = { ...entryOf(readFileSync(file), extname(file)), stamp };
    cache.set(file, entry);
    return entry;
  }

  /** The file a request path names, inside the tab folder only. */
  function fileFor(path: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || /(^|\/)\./.test(decoded)) return undefined;
    const file = resolve(root, `.${decoded}`);
    return file === root || file.startsWith(root + sep) ? file : undefined;
  }

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (/^\/(api|local365)(\/|$)/.test(req.path)) return next();
    const named = fileFor(req.path);
    if (!named) return next();
    let file = load(named) ? named : undefined;
    if (!file && !extname(named) && load(`${named}.html`)) file = `${named}.html`;
    if (!file) {
      // A missing hashed asset is an old page asking for what a new build replaced: say so, not index.html.
      if (req.path.startsWith('/assets/') || extname(req.path) !== '') return next();
      file = join(root, 'index.html');
    }
    const entry = load(file);
    if (!entry) return next();
    if (options.startPage && file === join(root, 'index.html')) {
      const html = options.startPage(
        entry.body.toString('utf8'),
        new URL(req.originalUrl, 'http://tab.invalid'),
      );
      send(req, res, entryOf(Buffer.from(html), '.html'), cacheControl(root, file));
      return;
    }
    send(req, res, entry, cacheControl(root, file));
  };
}

function entryOf(body: Buffer, type: string): Entry {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { stamp: '', body, hash, type, encoded: new Map() };
}

type Entry = {
  stamp: string;
  body: Buffer;
  hash: string;
  type: string;
  encoded: Map<'br' | 'gzip', Buffer>;
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.map',
  '.txt',
  '.webmanifest',
]);
const MIN_COMPRESS_BYTES = 1024;

function cacheControl(root: string, file: string): string {
  if (file.startsWith(join(root, 'assets') + sep)) return 'public, max-age=31536000, immutable';
  if (file.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

/** The encoding to use: brotli over gzip, none if the client refuses both (q=0) or names neither. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

function send(req: Request, res: Response, entry: Entry, cache: string): void {
  const compressible = COMPRESSIBLE.has(entry.type) && entry.body.length >= MIN_COMPRESS_BYTES;
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : undefined;
  // Each encoding is its own representation, with its own tag.
  const etag = `"${entry.hash}${encoding ? `-${encoding}` : ''}"`;
  res.setHeader('Cache-Control', cache);
  res.setHeader('ETag', etag);
  res.type(entry.type);
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');
  const tags = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(etag)) {
    res.status(304).end();
    return;
  }
  let body = entry.body;
  if (encoding) {
    let encoded = entry.encoded.get(encoding);
    if (!encoded) {
      encoded =
        encoding === 'br'
          ? brotliCompressSync(entry.body, {
              // Quality 5: most of brotli's gain at a fraction of the time of 11, which would hold up the first load.
              params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
            })
          : gzipSync(entry.body, { level: 6 });
      entry.encoded.set(encoding, encoded);
    }
    body = encoded;
    res.setHeader('Content-Encoding', encoding);
  }
  res.setHeader('Content-Length', String(body.length));
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}
