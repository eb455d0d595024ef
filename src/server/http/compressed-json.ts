import type { NextFunction, Request, Response } from 'express';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { chooseEncoding } from './static-tab.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compressing costs more than the bytes it saves. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * JSON answers compressed (brotli, else gzip) when the client accepts it: the register is 0.2–2 MB of JSON at
 * trust scale and shrinks about tenfold. Compression runs on libuv's thread pool, not the event loop, at
 * settings chosen for speed (brotli quality 4, gzip level 6: most of the gain, a few milliseconds for a
 * large register). Answers are `Vary: Accept-Encoding` so no shared cache hands one encoding to another client.
 */
export function compressedJson(req: Request, res: Response, next: NextFunction): void {
  res.vary('Accept-Encoding');
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  if (!encoding) return next();
  const plain = res.json.bind(res);
  res.json = (body: unknown) => {
    const text = JSON.stringify(body);
    if (text === undefined || Buffer.byteLength(text) < MIN_COMPRESS_BYTES) return plain(body);
    const input = Buffer.from(text);
    const compressing =
      encoding === 'br'
        ? brotli(input, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 4,
              [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
              [zlib.BROTLI_PARAM_SIZE_HINT]: input.length,
            },
          })
        : gzipAsync(input, { level: 6 });
    compressing.then(
      (compressed) => {
        if (res.headersSent) return;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Encoding', encoding);
        res.send(compressed);
      },
      // Compression cannot fail on a buffer short of memory running out; if it does, the answer still goes.
      () => {
        if (!res.headersSent) plain(body);
      },
    );
    return res;
  };
  next();
}
