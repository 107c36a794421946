// The signed-in account (GET) and signing out (DELETE).
import { json } from '@sveltejs/kit';
import { clearSessionCookie, currentSession, getAuth, SESSION_COOKIE } from '$lib/server/auth';
import { handle } from '$lib/server/notify/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  handle(async () => {
    const session = await currentSession(event);
    return json(
      { address: session?.address ?? null, expiresAt: session?.expiresAt ?? null },
      { headers: { 'cache-control': 'no-store' } },
    );
  });

export const DELETE: RequestHandler = ({ cookies }) =>
  handle(async () => {
    await (await getAuth()).signOut(cookies.get(SESSION_COOKIE));
    clearSessionCookie(cookies);
    return json({ ok: true });
  });
