// The indexer's code type-checks against its schema and config (Ponder's virtual modules, which
// `ponder codegen` declares in indexer/ponder-env.d.ts). svelte-check does not cover indexer/.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { INDEXER_DIR } from '../scripts/lib/indexer.ts';
import { ROOT } from '../protocol/paths.ts';

const run = promisify(execFile);

it('type-checks indexer/ with tsc', async () => {
  const bin = (name: string) => path.join(ROOT, 'node_modules', ...name.split('/'));
  await run(process.execPath, [bin('ponder/dist/esm/bin/ponder.js'), 'codegen'], {
    cwd: INDEXER_DIR,
    env: { ...process.env, PONDER_TELEMETRY_DISABLED: 'true' },
  });
  const result = await run(process.execPath, [bin('typescript/bin/tsc'), '-p', INDEXER_DIR], {
    cwd: ROOT,
  }).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? err.message }));
  expect(result.stdout.trim()).toBe('');
}, 120_000);
