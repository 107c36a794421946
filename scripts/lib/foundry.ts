// Paths of the Foundry binaries that npm installs per platform. Scripts spawn them directly:
// the npm wrappers (`npx anvil`) sit between us and the process and do not forward every signal.
import { createRequire } from 'node:module';
import path from 'node:path';

export type FoundryTool = 'anvil' | 'forge' | 'cast';

const require = createRequire(import.meta.url);

const PLATFORMS: Record<string, string | undefined> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'win32',
};
const ARCHS: Record<string, string | undefined> = { x64: 'amd64', arm64: 'arm64' };

/** Absolute path of the native binary of `tool` for this platform, from `@foundry-rs/<tool>-<os>-<arch>`. */
export function foundryBinary(tool: FoundryTool): string {
  const os = PLATFORMS[process.platform];
  const arch = ARCHS[process.arch];
  if (!os || !arch) {
    throw new Error(
      `Foundry's npm packages have no ${tool} for ${process.platform}-${process.arch}`,
    );
  }
  const pkg = `@foundry-rs/${tool}-${os}-${arch}`;
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(
      `${pkg} is not installed; run \`npm install\` (it is an optional dependency of @foundry-rs/${tool})`,
    );
  }
  return path.join(
    path.dirname(manifest),
    'bin',
    process.platform === 'win32' ? `${tool}.exe` : tool,
  );
}
