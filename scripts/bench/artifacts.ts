// Creation bytecode from forge's artifacts (out/), for the contracts the bench deploys itself. Their
// ABIs come from the generated protocol/generated/contracts.ts (`npm run gen`), never by hand.
import fs from 'node:fs';
import path from 'node:path';
import type { Hex } from 'viem';
import { ROOT } from '../../protocol/paths.ts';

/** `source` is the artifact folder (e.g. "Baselines.sol"), `name` the contract. */
export function bytecodeOf(source: string, name: string): Hex {
  const file = path.join(ROOT, 'out', source, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.relative(ROOT, file)} is missing: run \`npm run gen\` (forge build) first`,
    );
  }
  const artifact = JSON.parse(fs.readFileSync(file, 'utf8')) as { bytecode?: { object?: string } };
  const object = artifact.bytecode?.object;
  if (!object || object === '0x') throw new Error(`${name} in ${source} has no creation bytecode`);
  return object as Hex;
}
