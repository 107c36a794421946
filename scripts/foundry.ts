// `tsx scripts/foundry.ts <forge|cast|anvil> [args…]`: runs the platform's Foundry binary with the
// arguments and exits with its status. The npm wrappers (`forge` in node_modules/.bin) exit 0
// whatever the tool answers: `forge test` with failing tests and `forge fmt --check` on unformatted
// files passed CI through them (session 19). package.json's scripts call the tools through this.
import { spawn } from 'node:child_process';
import { foundryBinary, type FoundryTool } from './lib/foundry.ts';

const [tool, ...args] = process.argv.slice(2);
if (tool !== 'forge' && tool !== 'cast' && tool !== 'anvil') {
  console.error('usage: tsx scripts/foundry.ts <forge|cast|anvil> [args…]');
  process.exit(2);
}
const child = spawn(foundryBinary(tool as FoundryTool), args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.once('error', (err) => {
  console.error(`${tool}: ${err.message}`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + 15 : 1));
});
