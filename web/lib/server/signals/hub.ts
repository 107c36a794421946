// Publishes an accepted envelope, unchanged, to a Snapshot hub (SNAPSHOT_HUB_URL) with
// snapshot.js's own client, exactly as a Snapshot front end sends it. The hub's answer is kept
// with the message; a hub that refuses or is down does not undo what Curia accepted.
import snapshot from '@snapshot-labs/snapshot.js';
import type { Envelope, HubStatus } from '$lib/signals/types';

function describe(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object') {
    const e = err as { error_description?: unknown; error?: unknown; message?: unknown };
    const text = e.error_description ?? e.message ?? e.error;
    if (typeof text === 'string' && text) return text;
    if ('status' in err) return `HTTP ${(err as { status: number }).status}`;
    try {
      return JSON.stringify(err);
    } catch {
      // fall through
    }
  }
  return String(err);
}

export async function publishToHub(
  hubUrl: string,
  envelope: Envelope,
  timeoutMs = 10_000,
): Promise<HubStatus> {
  const client = new snapshot.Client712(hubUrl);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
  });
  try {
    const answer = await Promise.race([client.send(envelope), timeout]);
    return { ok: true, detail: JSON.stringify(answer) };
  } catch (err) {
    return { ok: false, detail: `The Snapshot hub refused it: ${describe(err)}` };
  } finally {
    clearTimeout(timer);
  }
}
