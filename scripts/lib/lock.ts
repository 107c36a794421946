// A lock between processes on one machine: a file created exclusively (O_EXCL), removed when the
// work is done. Used where two runs may share a working tree's outputs (the portal's build/, the
// tests' saved chains): one works, the others wait for it.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs `fn` holding the lock `file`. A lock older than `staleMs` is taken as left by a process
 * that died, and removed. `ready` (optional) is polled while waiting: when it returns a value, the
 * wait ends with that value without taking the lock (the other process did the work).
 */
export async function withFileLock<T>(
  file: string,
  fn: () => Promise<T>,
  opts: { staleMs?: number; ready?: () => T | undefined } = {},
): Promise<T> {
  const staleMs = opts.staleMs ?? 30 * 60_000;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      fs.closeSync(fs.openSync(file, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
      if (mtime !== undefined && Date.now() - mtime > staleMs) fs.rmSync(file, { force: true });
      await new Promise((r) => setTimeout(r, 500));
      const done = opts.ready?.();
      if (done !== undefined) return done;
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
