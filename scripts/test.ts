// `npm test`: the typed ABIs first (`npm run gen`: everything below reads them), then two lanes
// side by side, one per core of a small machine, balanced by their measured times (fresh-clone CI,
// 2 cores, both lanes busy: lint ~150 s, forge ~230 s, the TypeScript tests ~340 s of which the
// indexer's and `npm start`'s files take ~115 s each, the browser journeys ~550 s):
//   - lint (mostly single-threaded: prettier, eslint, svelte-check, tsc), the forge tests
//     (multi-threaded), the TypeScript tests but the indexer's (one file at a time, mostly
//     waiting on anvil, Ponder and PostgreSQL), `npm start`'s last;
//   - the portal's build and the browser journeys from the start, then the indexer's tests.
// Every step runs in full whatever the other lane does; each line of output is prefixed with its
// step, and each step's time is printed when it ends. Exits non-zero if any step failed.
import { spawn } from 'node:child_process';
import { ROOT } from '../protocol/paths.ts';

/** An npm script, with arguments (test files for vitest) and its name in the output. */
interface Step {
  script: string;
  args?: string[];
  name?: string;
}

// The TypeScript test files that take longest, run as steps of their own.
const INDEXER_TESTS = 'test/indexer.test.ts';
const START_TESTS = 'test/start.test.ts';

const LANES: Step[][] = [
  [
    { script: 'lint' },
    { script: 'test:sol' },
    {
      script: 'test:ts',
      args: ['--exclude', INDEXER_TESTS, '--exclude', START_TESTS],
    },
    { script: 'test:ts', args: [START_TESTS], name: 'test:ts start' },
  ],
  [{ script: 'test:e2e' }, { script: 'test:ts', args: [INDEXER_TESTS], name: 'test:ts indexer' }],
];

function run({ script, args = [], name = script }: Step): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      'npm',
      ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const prefix = (out: NodeJS.WriteStream) => {
      let partial = '';
      return {
        write: (chunk: Buffer) => {
          const lines = (partial + chunk.toString()).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) out.write(`[${name}] ${line}\n`);
        },
        flush: () => partial && out.write(`[${name}] ${partial}\n`),
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
      console.log(`== ${name} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${s} s`);
      resolve(code === 0);
    });
  });
}

async function lane(steps: Step[]): Promise<boolean> {
  let ok = true;
  for (const step of steps) ok = (await run(step)) && ok;
  return ok;
}

const started = Date.now();
if (!(await run({ script: 'gen' }))) process.exit(1);
const results = await Promise.all(LANES.map(lane));
console.log(
  `== npm test ${results.every(Boolean) ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(results.every(Boolean) ? 0 : 1);
