// Sign-In with Ethereum nonces are rows kept a day: one client may ask at most 20 a minute
// (session 19's review filled the table from one client at 400 a second).
import { describe, expect, it, vi } from 'vitest';

vi.mock('$lib/server/auth', () => ({
  getAuth: async () => ({
    issueNonce: async () => ({ nonce: 'n'.repeat(24), expiresAt: new Date(0) }),
  }),
}));
vi.mock('$lib/server/settings', () => ({ chainSettings: () => ({ id: 31337 }) }));

const { POST } = await import('../../web/routes/api/auth/nonce/+server');
const ask = (client: string) =>
  POST({
    url: new URL('http://127.0.0.1:5173/api/auth/nonce'),
    getClientAddress: () => client,
  } as never);

describe('POST /api/auth/nonce', () => {
  it('gives one client 20 nonces a minute, then says when to come back', async () => {
    for (let i = 0; i < 20; i++) expect((await ask('10.0.0.1')).status).toBe(200);
    const refused = await ask('10.0.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).reason).toMatch(/^Too many sign-in attempts from this address/);
    // Another client is not held back.
    expect((await ask('10.0.0.2')).status).toBe(200);
  });
});
