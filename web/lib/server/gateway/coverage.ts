// Which versions a license covers (IMarketplace): a valid timed license covers the versions v with
// license.version <= v <= licensedVersionOf(model, account) — the version bought up to the
// version listed now (a later version listed while the license is valid). Pure: the gateway reads
// the chain, this decides.
import { coveredRange, PERPETUAL, type LicenseState } from '$protocol/gateway';
import { GatewayError } from './errors';

export { coveredRange, type LicenseState };

const day = (s: bigint) => new Date(Number(s) * 1000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Throws a 403 GatewayError with a plain reason unless `license` covers `version` of model
 * `modelId` at `nowS` (Unix seconds).
 */
export function assertCovers(
  modelId: bigint,
  version: number,
  license: LicenseState,
  nowS: number,
): void {
  if (!license.valid) {
    if (
      license.expiresAt !== 0n &&
      license.expiresAt !== PERPETUAL &&
      license.expiresAt <= BigInt(nowS)
    )
      throw new GatewayError(
        403,
        `Your license for model ${modelId} expired on ${day(license.expiresAt)} UTC: renew it to download its files.`,
      );
    throw new GatewayError(
      403,
      `You need a license for model ${modelId} to download its files: buy one on its page.`,
    );
  }
  const range = coveredRange(license);
  if (!range || version < range[0] || version > range[1]) {
    const what = range
      ? range[0] === range[1]
        ? `version ${range[0]} only`
        : `versions ${range[0]} to ${range[1]}`
      : 'no version yet';
    throw new GatewayError(
      403,
      `Your license for model ${modelId} covers ${what}, not version ${version}.`,
    );
  }
}
