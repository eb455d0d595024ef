import { createDemoTokenSource } from './demo-sign-in.ts';

describe('demo sign-in tokens', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks once for requests made together, then reuses the token until it is nearly expired', async () => {
    let asked = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        asked += 1;
        return Promise.resolve(Response.json({ access_token: `token-${asked}`, expires_in: 3600 }));
      }),
    );
    const token = createDemoTokenSource('senco@example.org');
    expect(await Promise.all([token(), token(), token()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await token()).toBe('token-1');
    expect(asked).toBe(1);
  });

  it('asks again after a refusal, rather than keeping the failure', async () => {
    let asked = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        asked += 1;
        return Promise.resolve(
          asked === 1
            ? new Response('busy', { status: 503 })
            : Response.json({ access_token: 'token-2', expires_in: 3600 }),
        );
      }),
    );
    const token = createDemoTokenSource('senco@example.org');
    await expect(token()).rejects.toThrow(/Could not sign in as senco@example.org \(503\)/);
    expect(await token()).toBe('token-2');
  });

  it('uses the token the sign-in came with, and asks for a new one only when it is nearly expired', async () => {
    let asked = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        asked += 1;
        return Promise.resolve(Response.json({ access_token: 'token-new', expires_in: 3600 }));
      }),
    );
    expect(
      await createDemoTokenSource('senco@example.org', { token: 'first', expiresInSeconds: 3600 })(),
    ).toBe('first');
    expect(asked).toBe(0);
    const nearlyExpired = createDemoTokenSource('senco@example.org', {
      token: 'first',
      expiresInSeconds: 30,
    });
    expect(await nearlyExpired()).toBe('token-new');
    expect(asked).toBe(1);
  });
});
