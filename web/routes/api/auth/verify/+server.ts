// Signs in: a signed SIWE message `{ message, signature }` → the session cookie.
import { json } from '@sveltejs/kit';
import { getAuth, setSessionCookie } from '$lib/server/auth';
import { handle, onlyFields, readJson } from '$lib/server/notify/http';
import { ensureAccount } from '$lib/server/notify/store';
import { notifyDb } from '$lib/server/notify';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url, cookies }) =>
  handle(async () => {
    const body = await readJson(request, 8_000);
    onlyFields(body, ['message', 'signature']);
    const { token, session } = await (
      await getAuth()
    ).signIn({
      message: body.message,
      signature: body.signature,
      origin: url.origin,
    });
    await ensureAccount(await notifyDb(), session.address);
    setSessionCookie(cookies, url, token);
    return json({ ok: true, address: session.address, expiresAt: session.expiresAt });
  });
