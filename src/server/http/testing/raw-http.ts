import { connect } from 'node:net';

/**
 * One HTTP/1.1 request written byte for byte, for what fetch refuses to send (header values outside
 * Latin-1, a raw line break or NUL, a path that is not valid percent-encoding). Answers the status and the
 * body as text; the connection is closed after one answer.
 */
export async function rawRequest(
  baseUrl: string,
  request: {
    method: string;
    path: string;
    headers: readonly (readonly [string, string])[];
    body?: Buffer | string;
  },
): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const head = [
    `${request.method} ${request.path} HTTP/1.1`,
    `Host: ${url.host}`,
    'Connection: close',
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    ...(body ? [`Content-Length: ${body.length}`] : []),
    '',
    '',
  ].join('\r\n');
  const bytes = Buffer.concat([Buffer.from(head, 'utf8'), body ?? Buffer.alloc(0)]);
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    // Written, not ended: a half-closed connection may be dropped before the answer. "Connection: close" ends it.
    socket.write(bytes);
  });
  const text = answer.toString('utf8');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  const split = text.indexOf('\r\n\r\n');
  let rest = split >= 0 ? text.slice(split + 4) : '';
  if (/\r\ntransfer-encoding: chunked/i.test(text.slice(0, split))) rest = unchunk(rest);
  return { status, body: rest };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    const bytes = Buffer.from(rest.slice(lineEnd + 2), 'utf8')
      .subarray(0, size)
      .toString('utf8');
    out += bytes;
    rest = rest.slice(lineEnd + 2 + bytes.length + 2);
  }
}
