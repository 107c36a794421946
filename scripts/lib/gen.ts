// `npm run gen` from the scripts: compiles the contracts with forge and regenerates the typed ABIs
// (protocol/generated/contracts.ts, with @wagmi/cli) when a Solidity file or the generator's
// configuration is newer than the generated file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { foundryBinary } from './foundry.ts';
import { ROOT } from '../../protocol/paths.ts';

export const GENERATED_ABIS = path.join(ROOT, 'protocol', 'generated', 'contracts.ts');

const INPUT_DIRS = ['contracts', 'scripts'];
const INPUT_FILES = ['wagmi.config.ts', 'foundry.toml'];

function newestMtime(): number {
  let newest = 0;
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.sol')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of INPUT_DIRS) visit(path.join(ROOT, d));
  for (const f of INPUT_FILES) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether the generated ABIs are missing or older than a contract or the generator config. */
export function abisStale(): boolean {
  return !fs.existsSync(GENERATED_ABIS) || fs.statSync(GENERATED_ABIS).mtimeMs < newestMtime();
}

/** Runs a command in the repository, in its own process group; rejects with its output's tail. */
export function run(
  command: string,
  args: string[],
  opts: { signal?: AbortSignal; env?: NodeJS.ProcessEnv; logFile?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    opts.signal?.addEventListener('abort', kill, { once: true });
    process.once('exit', kill);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', kill);
      process.off('exit', kill);
      if (opts.logFile) {
        fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
        fs.writeFileSync(opts.logFile, output);
      }
      if (opts.signal?.aborted) return reject(new Error(`${path.basename(command)} aborted`));
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-15).join('\n');
      reject(
        new Error(
          `${path.basename(command)} ${args.join(' ')} failed (exit ${code ?? signal}):\n${tail}`,
        ),
      );
    });
  });
}

/**
 * Compiles the contracts and regenerates the typed ABIs if they are stale; returns whether it
 * did. The same as `npm run gen` (forge build, then wagmi generate).
 */
export async function ensureGenerated(signal?: AbortSignal): Promise<boolean> {
  if (!abisStale()) return false;
  await run(foundryBinary('forge'), ['build'], { signal });
  await run(path.join(ROOT, 'node_modules', '.bin', 'wagmi'), ['generate'], { signal });
  // wagmi leaves the file untouched when nothing changed: mark it fresh.
  const now = new Date();
  fs.utimesSync(GENERATED_ABIS, now, now);
  return true;
}
