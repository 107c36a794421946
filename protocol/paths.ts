// Where Curia's local files live. Every location can be moved by an environment variable, so
// tests run the real scripts against throwaway directories and ports.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json and foundry.toml). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_PORT = 8545;
export const DEFAULT_CHAIN_ID = 31337;
export const DEFAULT_PORTAL_PORT = 5173;

export interface LocalConfig {
  /** Root of local, gitignored state; anvil's state file is `<dataDir>/anvil/state.json`. */
  dataDir: string;
  /** Where deployment manifests `<chainId>.json` are read from and written to. */
  deploymentsDir: string;
  /**
   * The document store's folder (CURIA_DOCS_DIR, default `<dataDir>/docs`): the seed writes cards
   * and documents there, the portal serves and the indexer reads them from there.
   */
  docsDir: string;
  port: number;
  chainId: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer between 1 and ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Reads CURIA_DATA_DIR, CURIA_DOCS_DIR, CURIA_DEPLOYMENTS_DIR, ANVIL_PORT and ANVIL_CHAIN_ID
 * (relative paths are from the root).
 */
export function localConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const dataDir = path.resolve(ROOT, env.CURIA_DATA_DIR || 'data');
  return {
    dataDir,
    docsDir: path.resolve(ROOT, env.CURIA_DOCS_DIR || path.join(dataDir, 'docs')),
    deploymentsDir: path.resolve(ROOT, env.CURIA_DEPLOYMENTS_DIR || 'deployments'),
    port: intFromEnv(env, 'ANVIL_PORT', DEFAULT_PORT, 65535),
    chainId: intFromEnv(env, 'ANVIL_CHAIN_ID', DEFAULT_CHAIN_ID, 2 ** 53 - 1),
  };
}

/** The port `npm start` serves the portal on: PORTAL_PORT, default 5173. */
export function portalPort(env: NodeJS.ProcessEnv = process.env): number {
  return intFromEnv(env, 'PORTAL_PORT', DEFAULT_PORTAL_PORT, 65535);
}

export function anvilStateFile(config: LocalConfig): string {
  return path.join(config.dataDir, 'anvil', 'state.json');
}

export function rpcUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Shows a path relative to the root when it is inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** Loads `<root>/.env` if there is one; variables already set in the environment win. */
export function loadDotEnv(): void {
  const file = path.join(ROOT, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
