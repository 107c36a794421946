// Every answer of the portal refuses to be framed by another site (clickjacking, session 19's
// review), and an answer with its own policy (a document's sandbox) keeps it.
import { describe, expect, it } from 'vitest';
import { handle } from '../../web/hooks.server';

const run = (response: Response) =>
  handle({ event: {} as never, resolve: async () => response }) as Promise<Response>;

describe('handle', () => {
  it('says no site may frame a page', async () => {
    const r = await run(
      new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
    );
    expect(r.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });

  it("keeps an answer's own policy, and copies one whose headers cannot change", async () => {
    const own = await run(
      new Response('x', { headers: { 'content-security-policy': "default-src 'none'; sandbox" } }),
    );
    expect(own.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(own.headers.get('x-frame-options')).toBe('DENY');
    const fetched = Response.redirect('http://127.0.0.1/x', 302); // immutable headers
    const copied = await run(fetched);
    expect(copied.status).toBe(302);
    expect(copied.headers.get('x-frame-options')).toBe('DENY');
  });
});
