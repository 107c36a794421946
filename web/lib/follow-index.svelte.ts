// Detail pages take their history from the index with the page (+page.server.ts); this keeps it
// fresh: the page's server data is asked again when the index reaches a new block, and every
// 1.5 s while the page knows the index is behind (a proposal just created, a vote just cast).
//
// Never while the person is on the way to another page: SvelteKit's `invalidate` takes over the
// navigation token, so one fired while a link's page loads aborts that navigation, and a page
// that refreshes every 1.5 s would keep anyone from leaving it while the next page's data takes
// longer than that (a busy server) — the link would do nothing.
import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';
import type { Curia } from './curia.svelte';
import { INDEX_DEPENDENCY } from './queries/keys';

/** Asks the page's server data again, unless a navigation is under way. */
function refresh(): void {
  if (navigating.to) return;
  void invalidate(INDEX_DEPENDENCY);
}

/** Call during component setup. `behind` says whether the page still waits for the index. */
export function followIndex(curia: Curia, behind: () => boolean): void {
  let seen: number | null | undefined;
  $effect(() => {
    const block = curia.index.current.head?.block;
    if (seen !== undefined && block !== seen) refresh();
    seen = block ?? null;
  });
  $effect(() => {
    if (!behind()) return;
    const timer = setInterval(() => {
      void curia.index.refresh();
      refresh();
    }, 1_500);
    return () => clearInterval(timer);
  });
}
