// `npm test`: the typed ABIs first (`npm run gen`: everything below reads them), then two lanes
// side by side, one per core of a small machine, balanced by their measured times (CI, 2 cores:
// lint ~190 s + forge ~250 s + TypeScript ~700 s against the browser journeys ~1,090 s):
//   - lint (mostly single-threaded: prettier, eslint, svelte-check, tsc), the forge tests
//     (multi-threaded, short), then the TypeScript tests (one file at a time, mostly waiting on
//     anvil, Ponder and PostgreSQL);
//   - the portal's build and the browser journeys, from the start.
// Every step runs in full whatever the other lane does; each line of output is prefixed with its
// step, and each step's time is printed when it ends. Exits non-zero if any step failed.
import { spawn } from 'node:child_process';
import { ROOT } from '../protocol/paths.ts';

const LANES: string[][] = [['lint', 'test:sol', 'test:ts'], ['test:e2e']];

function run(script: string): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = (out: NodeJS.WriteStream) => {
      let partial = '';
      return {
        write: (chunk: Buffer) => {
          const lines = (partial + chunk.toString()).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) out.write(`[${script}] ${line}\n`);
        },
        flush: () => partial && out.write(`[${script}] ${partial}\n`),
      };
    };
    const out = prefix(process.stdout);
    const err = prefix(process.stderr);
    child.stdout.on('data', out.write);
    child.stderr.on('data', err.write);
    child.once('close', (code) => {
      out.flush();
      err.flush();
      const s = Math.round((Date.now() - started) / 1000);
      console.log(`== ${script} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${s} s`);
      resolve(code === 0);
    });
  });
}

async function lane(steps: string[]): Promise<boolean> {
  let ok = true;
  for (const step of steps) ok = (await run(step)) && ok;
  return ok;
}

const started = Date.now();
if (!(await run('gen'))) process.exit(1);
const results = await Promise.all(LANES.map(lane));
console.log(
  `== npm test ${results.every(Boolean) ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(results.every(Boolean) ? 0 : 1);
