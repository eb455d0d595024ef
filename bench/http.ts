import { request } from 'node:http';
import { createServer } from 'node:net';

/** One GET as a browser sends it (compression accepted); bytes are what crossed the wire. */
export type Answer = { status: number; ms: number; wireBytes: number; body: string };

export function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'gzip, br', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          wireBytes: raw.length,
          body: res.headers['content-encoding'] ? '' : raw.toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function userToken(baseUrl: string, upn: string): Promise<string> {
  const { access_token } = await json<{ access_token: string }>(`${baseUrl}/local365/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn }),
  });
  return access_token;
}

export type GraphStats = {
  requests: number;
  batchEnvelopes: number;
  byOperation: { operation: string; count: number }[];
};

export const graphStats = (baseUrl: string) => json<GraphStats>(`${baseUrl}/local365/stats`);
export const resetGraphStats = (baseUrl: string) => fetch(`${baseUrl}/local365/stats`, { method: 'DELETE' });

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
