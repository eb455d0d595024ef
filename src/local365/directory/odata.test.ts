import { GraphError } from '../graph/graph-error.ts';
import { evaluateFilter, page, parseFilter } from './odata.ts';
import { createTestContext } from './test-support.ts';

const matches = (filter: string, values: Record<string, unknown>) =>
  evaluateFilter(parseFilter(filter), (p) => values[p] as never);

describe('parseFilter / evaluateFilter', () => {
  it('combines and, or, not and parentheses', () => {
    const u = { displayName: 'Jo Okafor', jobTitle: 'SENCO' };
    expect(matches("startswith(displayName,'jo') and (jobTitle eq 'x' or jobTitle eq 'senco')", u)).toBe(
      true,
    );
    expect(matches("not startswith(displayName,'Jo')", u)).toBe(false);
  });

  it('reads doubled quotes inside string literals', () => {
    expect(matches("displayName eq 'Siobhan O''Neill'", { displayName: "Siobhan O'Neill" })).toBe(true);
  });

  it('matches `in` lists and compares instants given without an offset as UTC', () => {
    expect(matches("id in ('a', 'b')", { id: 'b' })).toBe(true);
    const start = new Date('2026-12-01T10:00:00Z');
    expect(matches("start/dateTime ge '2026-12-01T10:00:00'", { 'start/dateTime': start })).toBe(true);
    expect(matches("start/dateTime gt '2026-12-01T10:00:00'", { 'start/dateTime': start })).toBe(false);
  });

  it('refuses malformed expressions with a Graph 400', () => {
    for (const bad of [
      'displayName eq',
      "startswith(displayName 'x')",
      "displayName like 'x'",
      "displayName eq 'x' extra",
    ]) {
      let error: unknown;
      try {
        parseFilter(bad);
      } catch (err) {
        error = err;
      }
      expect(error, bad).toBeInstanceOf(GraphError);
      expect((error as GraphError).status).toBe(400);
    }
  });
});

describe('page', () => {
  it('keeps the other query options in the nextLink and encodes path segments', () => {
    const { ctx } = createTestContext();
    const items = Array.from({ length: 5 }, (_, i) => i);
    const query = new URLSearchParams("$select=id&$filter=startswith(displayName,'a')&$top=2");
    const first = page(ctx, { path: '/teams/t1/channels/19:abc@thread.tacv2/messages', query }, items, {
      defaultSize: 20,
      maxSize: 50,
      style: 'skiptoken',
    });
    expect(first.value).toEqual([0, 1]);
    expect(first.nextLink).toMatch(
      /^http:\/\/localhost:3978\/local365\/graph\/v1\.0\/teams\/t1\/channels\/19%3Aabc%40thread\.tacv2\/messages\?\$select=id&\$filter=startswith\(displayName%2C'a'\)&\$top=2&\$skiptoken=/,
    );
    const token = new URL(first.nextLink!).searchParams.get('$skiptoken')!;
    const second = page(
      ctx,
      { path: '/x', query: new URLSearchParams({ $top: '2', $skiptoken: token }) },
      items,
      { defaultSize: 20, maxSize: 50, style: 'skiptoken' },
    );
    expect(second.value).toEqual([2, 3]);
  });
});
