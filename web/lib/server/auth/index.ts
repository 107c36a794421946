// Sign-In with Ethereum for SvelteKit routes: the portal's SiweAuth on the accounts database, the
// session cookie (httpOnly, SameSite=Lax, Secure on https, 7 days), and `requireAccount` for
// routes that act for the signed-in account only.
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { createPublicClient, http } from 'viem';
import { env } from '$env/dynamic/private';
import { appDb, appDbConfig } from '../appdb';
import { chainSettings } from '../settings';
import { AuthError, SESSION_COOKIE, SESSION_TTL_S, SiweAuth, type Session } from './siwe';

export { AuthError, SESSION_COOKIE, type Session } from './siwe';

const clients = new Map<string, ReturnType<typeof createPublicClient>>();

export async function getAuth(): Promise<SiweAuth> {
  const chain = chainSettings();
  let client = clients.get(`${chain.id}|${chain.rpcUrl}`);
  if (!client) {
    client = createPublicClient({ transport: http(chain.rpcUrl) });
    clients.set(`${chain.id}|${chain.rpcUrl}`, client);
  }
  return new SiweAuth({ db: await appDb(appDbConfig(env)), client, chainId: chain.id });
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: SESSION_TTL_S,
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The signed-in account of a request, or null. */
export async function currentSession(
  event: Pick<RequestEvent, 'cookies'>,
): Promise<Session | null> {
  const token = event.cookies.get(SESSION_COOKIE);
  if (!token) return null;
  return (await getAuth()).session(token);
}

/** The signed-in account, or an AuthError (401) for the route to answer with. */
export async function requireAccount(event: Pick<RequestEvent, 'cookies'>): Promise<Session> {
  const session = await currentSession(event);
  if (!session) throw new AuthError('Sign in with your wallet first.', 401);
  return session;
}
