// The e2e suite's one stack (vitest globalSetup, run once per `npm run test:e2e`): the portal
// built (when its sources changed), the chain with Curia deployed (loaded from the saved
// deployment, test/lib/chain.ts), a copy of the built portal, one PostgreSQL server (each file's
// indexer gets a database of its own on it: Ponder starts on PostgreSQL in about half the CPU time
// it takes to open PGlite) and one headless Chromium. Each file's startStack() (stack.ts) reverts the chain to the
// deployment's snapshot and opens its own browser contexts; see there for what each file still
// starts for itself (the indexer and the portal) and why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { snapshotChain, startAnvil } from '../../../scripts/lib/anvil.ts';
import { launchChromiumServer } from '../../../scripts/lib/browser.ts';
import { startPostgres } from '../../../scripts/lib/postgres.ts';
import { buildPortal, copyBuild, portalBuildNeeded } from '../../../scripts/lib/portal.ts';
import { ROOT } from '../../../protocol/paths.ts';
import { freePort } from '../../../scripts/lib/rpc.ts';
import { savedChain } from '../../lib/chain.ts';

export interface SharedStack {
  rpcUrl: string;
  chainId: number;
  /** The deployment's manifest folder (read only). */
  deploymentsDir: string;
  /** The built portal's copy (`<buildDir>/index.js`), beside a link to node_modules. */
  buildDir: string;
  /** Holds the id of the chain's snapshot of the fresh deployment (see stack.ts). */
  snapshotFile: string;
  /** The shared Chromium. */
  wsEndpoint: string;
  /** The shared PostgreSQL server (its maintenance database's URL). */
  postgresUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eStack: SharedStack;
  }
}

/** The first client file that holds SvelteKit's dev-only router warning, if any. */
function devOnlyCode(dir: string): string | undefined {
  const marker = 'Avoid using `history.pushState(...)`';
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.js'))
    .map((d) => path.join(d.parentPath, d.name))
    .find((f) => fs.readFileSync(f, 'utf8').includes(marker));
}

export default async function setup(project: TestProject) {
  // The portal's build (vite build → build/), made again only when its sources changed since the
  // last build, whoever made it (the stamp in build/, scripts/lib/portal.ts); its log goes to
  // .cache/e2e/portal/.
  if (portalBuildNeeded()) await buildPortal(path.join(ROOT, '.cache', 'e2e'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-e2e-run-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const saved = await savedChain('deployed');
    const deploymentsDir = path.join(dir, 'deployments');
    fs.cpSync(saved.deploymentsDir, deploymentsDir, { recursive: true });
    const anvil = await startAnvil({
      port: await freePort(),
      chainId: saved.chainId,
      loadState: saved.stateFile,
      logFile: path.join(dir, 'anvil.log'),
    });
    cleanups.push(() => anvil.stop());
    const snapshotFile = path.join(dir, 'snapshot');
    fs.writeFileSync(snapshotFile, await snapshotChain(anvil.url));

    // Served from a copy, so that another build of the working tree cannot pull the files from
    // under the running portals; its runtime dependencies (PGlite, pg, snapshot.js: external to
    // adapter-node's bundle) resolve through the link to node_modules.
    const buildDir = await copyBuild(dir);
    // The journeys test what users are served: a production build, without the dev-only code
    // that a build under vitest's NODE_ENV=test would carry (scripts/lib/portal.ts).
    const devOnly = devOnlyCode(path.join(buildDir, 'client'));
    if (devOnly) throw new Error(`the portal in build/ is not a production build: ${devOnly}`);

    const postgres = await startPostgres();
    cleanups.push(() => postgres.stop());

    const browser = await launchChromiumServer();
    cleanups.push(() => browser.close());

    project.provide('e2eStack', {
      rpcUrl: anvil.url,
      chainId: saved.chainId,
      deploymentsDir,
      buildDir,
      snapshotFile,
      wsEndpoint: browser.wsEndpoint(),
      postgresUrl: postgres.url,
    });
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
