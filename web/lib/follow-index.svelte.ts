// Detail pages take their history from the index with the page (+page.server.ts); this keeps it
// fresh: the page's server data is asked again when the index reaches a new block, and every
// 1.5 s while the page knows the index is behind (a proposal just created, a vote just cast).
import { invalidate } from '$app/navigation';
import type { Curia } from './curia.svelte';
import { INDEX_DEPENDENCY } from './queries/keys';

/** Call during component setup. `behind` says whether the page still waits for the index. */
export function followIndex(curia: Curia, behind: () => boolean): void {
  let seen: number | null | undefined;
  $effect(() => {
    const block = curia.index.current.head?.block;
    if (seen !== undefined && block !== seen) void invalidate(INDEX_DEPENDENCY);
    seen = block ?? null;
  });
  $effect(() => {
    if (!behind()) return;
    const timer = setInterval(() => {
      void curia.index.refresh();
      void invalidate(INDEX_DEPENDENCY);
    }, 1_500);
    return () => clearInterval(timer);
  });
}
