// /feed/<address>.atom: an account's notices as an Atom feed. Public chain data: no secret needed.
import { error } from '@sveltejs/kit';
import { notifyDb, portalUrl } from '$lib/server/notify';
import { atomFeed } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
  const m = /^(0x[0-9a-fA-F]{40})\.atom$/.exec(params.file);
  if (!m) error(404, 'A feed is /feed/<address>.atom');
  let body: string;
  try {
    body = await atomFeed(await notifyDb(), m[1], portalUrl(url.origin));
  } catch {
    error(503, 'Notifications are unavailable right now (the database did not answer).');
  }
  return new Response(body, {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'max-age=5',
    },
  });
};
