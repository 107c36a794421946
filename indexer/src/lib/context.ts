// Settings the indexing functions share (read once per process) and small helpers.
import { indexerSettings } from '../../settings.ts';

export const settings = indexerSettings();
export const addresses = settings.manifest.contracts;

/** The curation registry pays out in CUR: its fee flows use the token as their currency. */
export const CUR = addresses.CuriaToken;

export function lower<T extends string>(value: T): T {
  return value.toLowerCase() as T;
}

export const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);
