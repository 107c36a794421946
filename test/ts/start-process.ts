// Runs `scripts/start.ts` as a child process, the way `npm start` does, for the integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../protocol/paths.ts';

export interface StartedProcess {
  child: ChildProcess;
  /** Everything printed so far on stdout and stderr. */
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function runStart(env: NodeJS.ProcessEnv, args: string[] = []): StartedProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code, signal) => resolve(signal ? null : code)),
  );
  return { child, output: () => output, exited };
}

/** Waits until the output matches `pattern`; fails if the process ends first or time runs out. */
export async function waitForOutput(
  proc: StartedProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<void> {
  let ended = false;
  void proc.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(proc.output())) {
    if (ended) throw new Error(`start.ts exited before printing ${pattern}:\n${proc.output()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `start.ts did not print ${pattern} within ${timeoutMs} ms:\n${proc.output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends SIGINT (as Ctrl-C does) and waits for the exit code; SIGKILLs after `timeoutMs`. */
export async function interrupt(proc: StartedProcess, timeoutMs = 20_000): Promise<number | null> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.exited;
  proc.child.kill('SIGINT');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}
