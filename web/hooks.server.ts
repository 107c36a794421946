// Server start: each portal instance runs the notifications worker (scan the index, deliver
// webhooks) beside its pages; CURIA_NOTIFY_WORKER=0 turns it off for an instance.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startNotifyWorker } from '$lib/server/notify';

function tryStart(): void {
  startNotifyWorker().catch((err: Error) => {
    console.warn(`notify: worker not started (${err.message}); retrying in 5 s`);
    setTimeout(tryStart, 5_000).unref();
  });
}

export const init: ServerInit = async () => {
  // Not awaited: a database or indexer that is not up yet must not keep the portal from serving.
  if (!building) tryStart();
};

/**
 * Every answer says it may not be framed by another site (`frame-ancestors 'none'`, and the older
 * X-Frame-Options): the portal's buttons (follow, delete a webhook, sign out, sign a vote) cannot be
 * clicked through an invisible frame (session 19's review). Answers that set their own policy (the
 * documents' sandbox) keep it.
 */
export const handle: Handle = async ({ event, resolve }) => {
  let response = await resolve(event);
  const frameless = (r: Response) => {
    if (!r.headers.has('content-security-policy'))
      r.headers.set('content-security-policy', "frame-ancestors 'none'");
    if (!r.headers.has('x-frame-options')) r.headers.set('x-frame-options', 'DENY');
  };
  try {
    frameless(response);
  } catch {
    // A response whose headers are immutable (one fetched and passed on) is copied first.
    response = new Response(response.body, response);
    frameless(response);
  }
  return response;
};
