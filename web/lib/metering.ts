// Pay-per-use licenses of one model (MeteredLicenses): its metered offers, the viewer's credit for
// each, and how the portal says a price per unit and the state of a credit.
import { readContract, readContracts, type Config } from '@wagmi/core';
import type { Address, Hex } from 'viem';
import type { Manifest } from '$protocol/manifest';
import { meteredLicensesAbi } from '$protocol/generated/contracts';
import { formatDuration } from './format';
import { formatPrice, type Currency } from './market';

export function meteringContract(manifest: Manifest | null) {
  const address = manifest?.contracts.MeteredLicenses;
  return address ? ({ address, abi: meteredLicensesAbi } as const) : null;
}
export type MeteringContract = NonNullable<ReturnType<typeof meteringContract>>;

export interface MeteredOfferRow {
  id: bigint;
  currency: Address;
  active: boolean;
  price: bigint;
  meterUnits: bigint;
  termsURI: string;
  termsHash: Hex;
  /** The viewer's credit for the offer (0 without an account). */
  credit: { balance: bigint; unlockAt: bigint };
}

/** The states of a licensee's credit, by name. */
export type CreditState = 'empty' | 'active' | 'withdrawing' | 'withdrawable';

export function creditState(
  credit: { balance: bigint; unlockAt: bigint },
  now: bigint,
): CreditState {
  if (credit.balance === 0n) return 'empty';
  if (credit.unlockAt === 0n) return 'active';
  return credit.unlockAt > now ? 'withdrawing' : 'withdrawable';
}

/**
 * What asking to withdraw a credit does, said before the wallet is asked: hosts stop serving at
 * once, and the request cannot be taken back (a deposit does not cancel it).
 */
export function withdrawalConsequences(notice: bigint | undefined): string {
  const unlocks = notice ? `in ${formatDuration(notice)}` : 'after a notice';
  return `Asking to withdraw stops every host serving you under this offer, from now on. The credit unlocks ${unlocks}; then withdraw it here. The request cannot be taken back, and a deposit meanwhile is not served: to use the offer again, withdraw the credit, then deposit again.`;
}

/** What retiring a pay-per-use offer does, said before the wallet is asked. */
export function retireMeteredConsequences(offerId: bigint): string {
  return `Retiring pay-per-use offer #${offerId} ends new deposits to it. Credit already deposited can still be spent through it and withdrawn. It cannot be undone: to sell again, add a new offer.`;
}

/** "0.002 ETH per use", "2 tUSD per 1,000 uses". */
export function describeMeteredPrice(
  price: bigint,
  meterUnits: bigint,
  currency: Currency | undefined,
): string {
  const per = meterUnits === 1n ? 'use' : `${meterUnits.toLocaleString('en-US')} uses`;
  return `${formatPrice(price, currency)} per ${per}`;
}

/** How many whole units `credit` pays for at `price` per `meterUnits` units. */
export function unitsCovered(credit: bigint, price: bigint, meterUnits: bigint): bigint {
  return price === 0n ? 0n : (credit * meterUnits) / price;
}

export async function fetchMetered(
  config: Config,
  metering: MeteringContract,
  modelId: bigint,
  account: Address | undefined,
): Promise<MeteredOfferRow[]> {
  const ids = await readContract(config, {
    ...metering,
    functionName: 'meteredOffersOf',
    args: [modelId],
  });
  const r = await readContracts(config, {
    allowFailure: false,
    contracts: ids.flatMap((id) => [
      { ...metering, functionName: 'getMeteredOffer', args: [id] } as const,
      ...(account ? [{ ...metering, functionName: 'creditOf', args: [id, account] } as const] : []),
    ]),
  });
  const step = account ? 2 : 1;
  return ids.map((id, i) => {
    const o = r[i * step] as {
      currency: Address;
      active: boolean;
      price: bigint;
      meterUnits: number;
      termsURI: string;
      termsHash: Hex;
    };
    const c = account
      ? (r[i * step + 1] as { balance: bigint; unlockAt: number })
      : { balance: 0n, unlockAt: 0 };
    return {
      id,
      currency: o.currency,
      active: o.active,
      price: o.price,
      meterUnits: BigInt(o.meterUnits),
      termsURI: o.termsURI,
      termsHash: o.termsHash,
      credit: { balance: c.balance, unlockAt: BigInt(c.unlockAt) },
    };
  });
}

/** The pay-per-use offer a download is paid from: active, with credit the licensee did not ask back. */
export function payingOffer(offers: readonly MeteredOfferRow[]): MeteredOfferRow | undefined {
  // 'active' does not depend on the time (only a withdrawal's does).
  return offers.find((o) => o.active && creditState(o.credit, 0n) === 'active');
}
