// Server start: each portal instance runs the notifications worker (scan the index, deliver
// webhooks) beside its pages; CURIA_NOTIFY_WORKER=0 turns it off for an instance.
import type { ServerInit } from '@sveltejs/kit';
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
