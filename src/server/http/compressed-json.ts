import type { NextFunction, Request, Response } from 'express';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { chooseEncoding } from './static-tab.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compressing costs more than the bytes it saves. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/**
 * Brotli quality 4 and gzip level 6: most of the gain, a few milliseconds for a large register. Brotli's window
 * is sized to the answer (it defaults to 4 MB, whose setting-up is most of the cost of a small answer).
 */
function compress(input: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(input, { level: 6 });
  return brotli(input, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 4,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: input.length,
      [zlib.BROTLI_PARAM_LGWIN]: Math.max(
        zlib.BROTLI_MIN_WINDOW_BITS,
        Math.min(zlib.BROTLI_MAX_WINDOW_BITS, Math.ceil(Math.log2(input.length + 1))),
      ),
    },
  });
}

/**
 * An answer's JSON made once and kept, with each compressed form made on first use: for an answer many requests
 * share (a page of the register, until the records change). Passed to `res.json` like any body.
 */
export class PreparedJson {
  readonly bytes: Buffer;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  constructor(body: unknown) {
    this.bytes = Buffer.from(JSON.stringify(body));
  }
  encode(encoding: Encoding): Promise<Buffer> {
    let answer = this.encoded.get(encoding);
    if (!answer) {
      answer = compress(this.bytes, encoding);
      // A failure is not kept: the next request tries again.
      answer.catch(() => this.encoded.delete(encoding));
      this.encoded.set(encoding, answer);
    }
    return answer;
  }
}

/**
 * JSON answers compressed (brotli, else gzip) when the client accepts it: the register is 0.2–2 MB of JSON at
 * trust scale and shrinks about tenfold. Compression runs on libuv's thread pool, not the event loop. Answers
 * are `Vary: Accept-Encoding` so no shared cache hands one encoding to another client.
 */
export function compressedJson(req: Request, res: Response, next: NextFunction): void {
  res.vary('Accept-Encoding');
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const plain = res.json.bind(res);
  const sendBytes = (bytes: Buffer, contentEncoding?: Encoding) => {
    if (res.headersSent) return;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (contentEncoding) res.setHeader('Content-Encoding', contentEncoding);
    res.send(bytes);
  };
  res.json = (body: unknown) => {
    const prepared = body instanceof PreparedJson ? body : undefined;
    if (!encoding) {
      if (prepared) sendBytes(prepared.bytes);
      else plain(body);
      return res;
    }
    const text = prepared ? undefined : JSON.stringify(body);
    // A string's length never exceeds its UTF-8 size, so a short string is a small answer without measuring.
    if (!prepared && (text === undefined || text.length < MIN_COMPRESS_BYTES)) return plain(body);
    if (prepared && prepared.bytes.length < MIN_COMPRESS_BYTES) {
      sendBytes(prepared.bytes);
      return res;
    }
    const input = prepared?.bytes ?? Buffer.from(text!);
    const compressing = prepared ? prepared.encode(encoding) : compress(input, encoding);
    compressing.then(
      (compressed) => sendBytes(compressed, encoding),
      // Compression cannot fail on a buffer short of memory running out; if it does, the answer still goes.
      () => sendBytes(input),
    );
    return res;
  };
  next();
}
