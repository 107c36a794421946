// Hash while streaming: a version file is passed through as it is read, hashed with sha-256, and
// compared at its end with the digest the card (and, for the primary file, the chain) gives. The
// last chunk is held back until the digest is known, so the unverified tail is never sent: on a
// mismatch (or a size other than the card's) the stream fails instead, and the client sees a
// failed download (HTTP has no trailer a browser would read).
import { createHash } from 'node:crypto';

export interface StreamOutcome {
  ok: boolean;
  /** Bytes passed to the client (the held-back last chunk is counted only when verified). */
  bytes: number;
  /** The sha-256 of what the store returned, 0x-hex (when it was read to its end). */
  actual?: string;
  reason?: string;
}

export class DigestMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestMismatchError';
  }
}

/**
 * A stream of `source` that errors instead of delivering its last chunk when the bytes do not
 * hash to `sha256` (0x-hex or bare hex) or their count is not `size`. `done` is told the outcome.
 */
export function verifiedStream(
  source: ReadableStream<Uint8Array>,
  expected: { sha256: string; size?: number },
  done: (outcome: StreamOutcome) => void = () => {},
): ReadableStream<Uint8Array> {
  const want = expected.sha256.toLowerCase().replace(/^0x/, '');
  const hash = createHash('sha256');
  let held: Uint8Array | undefined;
  let read = 0;
  let sent = 0;
  let reported = false;
  const report = (o: StreamOutcome) => {
    if (reported) return;
    reported = true;
    done(o);
  };
  const fail = (
    c: TransformStreamDefaultController<Uint8Array>,
    reason: string,
    actual?: string,
  ) => {
    report({ ok: false, bytes: sent, actual, reason });
    c.error(new DigestMismatchError(reason));
  };
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, c) {
      hash.update(chunk);
      read += chunk.length;
      if (expected.size !== undefined && read > expected.size)
        return fail(c, `the stored file is larger than the card's ${expected.size} bytes`);
      if (held) {
        c.enqueue(held);
        sent += held.length;
      }
      held = chunk;
    },
    flush(c) {
      const actual = `0x${hash.digest('hex')}`;
      if (expected.size !== undefined && read !== expected.size)
        return fail(c, `the stored file has ${read} bytes, the card says ${expected.size}`, actual);
      if (actual.slice(2) !== want)
        return fail(c, `the stored file's sha-256 is ${actual}, not 0x${want}`, actual);
      if (held) {
        c.enqueue(held);
        sent += held.length;
      }
      report({ ok: true, bytes: sent, actual });
    },
  });
  return source.pipeThrough(transform);
}
