import { executeBatch, planBatches, type BatchRequest, type SendBatch } from './batch.ts';
import { GraphRequestError } from './graph-request-error.ts';

const post = (id: string, dependsOn?: string[]): BatchRequest => ({
  id,
  method: 'POST',
  url: '/sites/s/lists/l/items',
  body: { fields: { Title: id } },
  ...(dependsOn ? { dependsOn } : {}),
});

type Wire = Parameters<SendBatch>[0][number];
type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** A fake $batch endpoint: `answer` decides each member's response per attempt; every batch sent is kept. */
function fakeGraph(answer: (req: Wire, attempt: number) => Answer) {
  const sent: Wire[][] = [];
  const attempts = new Map<string, number>();
  const send: SendBatch = (requests) => {
    sent.push(requests);
    return Promise.resolve(
      requests.map((r) => {
        const attempt = (attempts.get(r.id) ?? 0) + 1;
        attempts.set(r.id, attempt);
        return { id: r.id, ...answer(r, attempt) };
      }),
    );
  };
  return { send, sent };
}

const throttled = (seconds: number): Answer => ({
  status: 429,
  headers: { 'Retry-After': String(seconds) },
  body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
});

describe('planBatches', () => {
  it('sends at most 20 requests in a batch', () => {
    const batches = planBatches(Array.from({ length: 45 }, (_, i) => post(String(i))));
    expect(batches.map((b) => b.length)).toEqual([20, 20, 5]);
  });

  it('keeps requests joined by dependsOn in the same batch', () => {
    const requests = [...Array.from({ length: 19 }, (_, i) => post(`a${i}`)), post('p'), post('c', ['p'])];
    const batches = planBatches(requests);
    const withParent = batches.find((b) => b.some((r) => r.id === 'p'))!;
    expect(withParent.map((r) => r.id)).toContain('c');
    expect(batches.every((b) => b.length <= 20)).toBe(true);
  });

  it('refuses duplicate ids, unknown dependencies and chains longer than a batch', () => {
    expect(() => planBatches([post('1'), post('1')])).toThrow(/unique/);
    expect(() => planBatches([post('1', ['9'])])).toThrow(/depends on '9'/);
    const chain = Array.from({ length: 21 }, (_, i) => post(String(i), i ? [String(i - 1)] : undefined));
    expect(() => planBatches(chain)).toThrow(/21 requests/);
  });
});

describe('executeBatch', () => {
  it('retries only the throttled members, after the longest Retry-After, and never resends a success', async () => {
    const graph = fakeGraph((r, attempt) =>
      attempt === 1 && (r.id === '2' || r.id === '3')
        ? throttled(r.id === '2' ? 1 : 4)
        : { status: 201, body: { id: r.id } },
    );
    const sleep = vi.fn(() => Promise.resolve());
    const results = await executeBatch(
      graph.send,
      ['1', '2', '3'].map((id) => post(id)),
      { operation: 'test', sleep },
    );
    expect(graph.sent.map((b) => b.map((r) => r.id))).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
    ]);
    expect(sleep).toHaveBeenCalledExactlyOnceWith(4000);
    expect([...results.values()].map((r) => [r.id, r.status, r.error])).toEqual([
      ['1', 201, undefined],
      ['2', 201, undefined],
      ['3', 201, undefined],
    ]);
  });

  it('reports a failing member and applies the rest', async () => {
    const graph = fakeGraph((r) =>
      r.id === 'dup'
        ? {
            status: 409,
            body: {
              error: {
                code: 'nameAlreadyExists',
                message: 'duplicate values',
                innerError: { 'request-id': 'rq-1' },
              },
            },
          }
        : { status: 201 },
    );
    const results = await executeBatch(graph.send, [post('a'), post('dup'), post('b')], {
      operation: 'import pupils',
    });
    expect(results.get('a')?.error).toBeUndefined();
    expect(results.get('b')?.error).toBeUndefined();
    const error = results.get('dup')?.error;
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({
      status: 409,
      code: 'nameAlreadyExists',
      requestId: 'rq-1',
      operation: 'import pupils',
    });
    expect(graph.sent).toHaveLength(1);
  });

  it('resends a dependant with its throttled dependency, and fails one whose dependency failed without sending it', async () => {
    const graph = fakeGraph((r, attempt) => {
      if (r.id === 'p' && attempt === 1) return throttled(0);
      if (r.dependsOn?.includes('p') && attempt === 1) return { status: 424 };
      if (r.id === 'bad') return { status: 400, body: { error: { code: 'invalidRequest', message: 'no' } } };
      if (r.dependsOn?.includes('bad')) return { status: 424 };
      return { status: 201 };
    });
    const results = await executeBatch(
      graph.send,
      [post('p'), post('c', ['p']), post('bad'), post('after-bad', ['bad'])],
      { operation: 'test', sleep: () => Promise.resolve() },
    );
    expect(graph.sent[1]).toEqual([
      expect.objectContaining({ id: 'p' }),
      expect.objectContaining({ id: 'c', dependsOn: ['p'] }),
    ]);
    expect(results.get('c')?.status).toBe(201);
    expect(results.get('after-bad')?.error).toMatchObject({ status: 424, code: 'FailedDependency' });
    expect(graph.sent.flat().filter((r) => r.id === 'after-bad')).toHaveLength(1);
  });

  it('gives up after the last round with the last answer', async () => {
    const graph = fakeGraph(() => ({
      status: 503,
      headers: { 'Retry-After': '0' },
      body: { error: { code: 'serviceNotAvailable', message: 'busy' } },
    }));
    const results = await executeBatch(graph.send, [post('1')], {
      operation: 'test',
      maxRounds: 2,
      sleep: () => Promise.resolve(),
    });
    expect(graph.sent).toHaveLength(3);
    expect(results.get('1')?.error).toMatchObject({ status: 503, code: 'serviceNotAvailable' });
  });

  it('does not resend a member the answer left out, or any member of an envelope that failed', async () => {
    let calls = 0;
    const send: SendBatch = (requests) => {
      calls += 1;
      if (requests.some((r) => r.id === 'x'))
        return Promise.reject(new GraphRequestError({ status: 500, message: 'boom', operation: 'batch' }));
      return Promise.resolve(requests.filter((r) => r.id !== 'lost').map((r) => ({ id: r.id, status: 201 })));
    };
    const lost = await executeBatch(send, [post('ok'), post('lost')], { operation: 'test' });
    expect(lost.get('ok')?.error).toBeUndefined();
    expect(lost.get('lost')?.error?.message).toMatch(/No answer/);
    const failed = await executeBatch(send, [post('x'), post('y')], { operation: 'test' });
    expect(failed.get('y')?.error?.status).toBe(500);
    expect(calls).toBe(2);
  });

  describe('a keyed create that fails is read back by its key before it is called failed', () => {
    // SharePoint answers a duplicate in a unique column with 500 and this text, not 409
    // (https://github.com/pnp/pnpcore/issues/1280), and a 503/504 can follow a write that was applied.
    const duplicate: Answer = {
      status: 500,
      body: {
        error: {
          code: 'generalException',
          message:
            'The list item could not be added or updated because duplicate values were found in one or more fields in the list.',
        },
      },
    };
    const keyed = (id: string): BatchRequest => ({
      ...post(id),
      key: { column: 'EntryId', value: `k-${id}` },
    });
    const stored = { id: '42', eTag: '"g,1"', fields: { EntryId: 'k-dup' } };

    it('gives the stored item, marked alreadyStored, for a 500 duplicate or a final 503', async () => {
      const graph = fakeGraph((r) => {
        if (r.method === 'GET')
          return {
            status: 200,
            body: { value: r.url.includes("'k-dup'") || r.url.includes("'k-busy'") ? [stored] : [] },
          };
        if (r.id === 'dup') return duplicate;
        if (r.id === 'busy') return { status: 503, headers: { 'Retry-After': '0' } };
        return { status: 201, body: { id: r.id } };
      });
      const results = await executeBatch(graph.send, [keyed('ok'), keyed('dup'), keyed('busy')], {
        operation: 'audit',
        maxRounds: 1,
        sleep: () => Promise.resolve(),
      });
      expect(results.get('ok')).toMatchObject({ status: 201, body: { id: 'ok' } });
      expect(results.get('ok')?.alreadyStored).toBeUndefined();
      expect(results.get('dup')).toEqual({
        id: 'dup',
        status: 200,
        headers: {},
        body: stored,
        alreadyStored: true,
      });
      expect(results.get('busy')).toMatchObject({ alreadyStored: true, body: stored });
      // One read-back batch, of GETs filtered on the key column, sent after the creates settled.
      const reads = graph.sent.at(-1)!;
      expect(reads.map((r) => [r.id, r.method])).toEqual([
        ['dup', 'GET'],
        ['busy', 'GET'],
      ]);
      expect(decodeURIComponent(reads[0]!.url)).toBe(
        "/sites/s/lists/l/items?$expand=fields&$filter=fields/EntryId eq 'k-dup'",
      );
    });

    it('keeps the create’s error when the key is not stored, or the read-back fails, and never reads back a 424 or an unkeyed create', async () => {
      const graph = fakeGraph((r) => {
        if (r.method === 'GET')
          return r.url.includes("'k-gone'")
            ? { status: 200, body: { value: [] } }
            : { status: 500, body: { error: { code: 'generalException', message: 'read failed' } } };
        if (r.dependsOn) return { status: 424 };
        return duplicate;
      });
      const results = await executeBatch(
        graph.send,
        [keyed('gone'), keyed('unreadable'), { ...keyed('dependant'), dependsOn: ['gone'] }, post('plain')],
        { operation: 'import' },
      );
      expect(results.get('gone')?.error).toMatchObject({ status: 500, code: 'generalException' });
      expect(results.get('unreadable')?.error).toMatchObject({ status: 500 });
      expect(results.get('unreadable')?.error?.message).toMatch(/duplicate values/);
      expect(results.get('dependant')?.error?.status).toBe(424);
      expect(results.get('plain')?.error?.status).toBe(500);
      const readIds = graph.sent
        .flat()
        .filter((r) => r.method === 'GET')
        .map((r) => r.id);
      expect(readIds.sort()).toEqual(['gone', 'unreadable']);
    });
  });

  it('adds Content-Type to members with a body', async () => {
    const graph = fakeGraph(() => ({ status: 201 }));
    await executeBatch(graph.send, [post('1'), { id: '2', method: 'GET', url: '/sites/s' }], {
      operation: 'test',
    });
    expect(graph.sent[0]).toEqual([
      expect.objectContaining({ id: '1', headers: { 'Content-Type': 'application/json' } }),
      { id: '2', method: 'GET', url: '/sites/s' },
    ]);
  });
});
