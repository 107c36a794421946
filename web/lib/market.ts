// Licenses and audits of one model: offers (ETH or an allowlisted ERC-20), the viewer's license
// and earnings, and the audit reports of every version — a few multicalls.
import { readContract, readContracts, type Config } from '@wagmi/core';
import { erc20Abi, zeroAddress, type Address, type Hex } from 'viem';
import type { Manifest } from '$protocol/manifest';
import { VERDICTS } from '$protocol/enums';
import { formatAmount, formatDuration, sameAddress } from './format';
import { auditRegistryAbi, marketplaceAbi, modelRegistryAbi } from '$protocol/generated/contracts';

export function marketContracts(manifest: Manifest | null) {
  const m = manifest?.contracts;
  if (!m?.Marketplace || !m.AuditRegistry) return null;
  return {
    market: { address: m.Marketplace, abi: marketplaceAbi },
    audits: { address: m.AuditRegistry, abi: auditRegistryAbi },
    registry: { address: m.ModelRegistry, abi: modelRegistryAbi },
  } as const;
}
export type MarketContracts = NonNullable<ReturnType<typeof marketContracts>>;

export interface Currency {
  address: Address;
  symbol: string;
  decimals: number;
}

/** A new offer's common part, as the owner's form (OfferForm.svelte) parsed and stored it. */
export interface OfferDraft {
  currency: Address;
  /** The currency's symbol and decimals, when the portal knows it. */
  unit: Currency | undefined;
  price: bigint;
  /** The stored terms document: where it is and the sha-256 of its bytes. */
  termsURI: string;
  termsHash: Hex;
}

/** The text under `field` of a JSON document the portal stored (e.g. `{ type, modelId, terms }`), or the text itself. */
export function documentText(text: string, field: string): string {
  try {
    const doc = JSON.parse(text) as Record<string, unknown> | null;
    const value = doc?.[field];
    return typeof value === 'string' ? value : text;
  } catch {
    return text;
  }
}

/** The terms of a license-terms document. */
export const termsOf = (text: string) => documentText(text, 'terms');

export const ETH: Currency = { address: zeroAddress, symbol: 'ETH', decimals: 18 };

/** A price or an amount owed in its currency, to 6 decimals (see {@link formatAmount}). */
export function formatPrice(amount: bigint, currency: Currency | undefined): string {
  const { symbol, decimals } = currency ?? ETH;
  return formatAmount(amount, { symbol, decimals, digits: 6 });
}

/** What retiring a license offer does, said before the wallet is asked. */
export function retireOfferConsequences(offerId: bigint): string {
  return `Retiring offer #${offerId} ends its sales. Licenses already sold through it keep their terms until they end, but cannot be extended through it. It cannot be undone: to sell again, add a new offer.`;
}

export function formatLicenseDuration(duration: number): string {
  return duration === 0 ? 'perpetual' : formatDuration(duration);
}

/** The license's term before "license": "a 30-day license", "a 1-day 12-hour license", "a perpetual license". */
export function licenseTerm(duration: number): string {
  return formatLicenseDuration(duration).replace(/(\d+) (day|hour|minute|second)s?/g, '$1-$2');
}

/** ETH and the ERC-20s of the manifest that the marketplace accepts. */
export async function fetchCurrencies(
  config: Config,
  mc: MarketContracts,
  manifest: Manifest,
): Promise<Currency[]> {
  const candidates = Object.entries(manifest.contracts)
    .filter(([name]) => /stablecoin|usd|erc20/i.test(name))
    .map(([, a]) => a);
  if (candidates.length === 0) return [ETH];
  const r = await readContracts(config, {
    allowFailure: true,
    contracts: candidates.flatMap((address) => [
      { ...mc.market, functionName: 'isCurrencyAllowed', args: [address] } as const,
      { address, abi: erc20Abi, functionName: 'symbol' } as const,
      { address, abi: erc20Abi, functionName: 'decimals' } as const,
    ]),
  });
  const out = [ETH];
  candidates.forEach((address, i) => {
    if (r[3 * i].result === true) {
      out.push({
        address,
        symbol: (r[3 * i + 1].result as string | undefined) ?? 'tokens',
        decimals: (r[3 * i + 2].result as number | undefined) ?? 18,
      });
    }
  });
  return out;
}

export interface OfferRow {
  id: bigint;
  currency: Address;
  active: boolean;
  price: bigint;
  duration: number;
  cap: number;
  sold: number;
  termsURI: string;
  termsHash: Hex;
}

export interface MarketView {
  offers: OfferRow[];
  /** The account's license: valid now, its expiry, and the offer whose terms apply (0: none yet). */
  license?: { valid: boolean; expiresAt: bigint; offerId: bigint };
}

export async function fetchMarket(
  config: Config,
  mc: MarketContracts,
  modelId: bigint,
  account: Address | undefined,
): Promise<MarketView> {
  const ids = await readContract(config, {
    ...mc.market,
    functionName: 'offersOf',
    args: [modelId],
  });
  const calls = [
    ...ids.map((id) => ({ ...mc.market, functionName: 'getOffer', args: [id] }) as const),
    ...(account
      ? [
          { ...mc.market, functionName: 'hasValidLicense', args: [modelId, account] } as const,
          { ...mc.market, functionName: 'licenseOf', args: [modelId, account] } as const,
        ]
      : []),
  ];
  const r = (await readContracts(config, {
    allowFailure: false,
    contracts: calls as never,
  })) as unknown[];
  const offers = ids.map((id, i) => {
    const o = r[i] as Omit<OfferRow, 'id'>;
    return {
      id,
      currency: o.currency,
      active: o.active,
      price: o.price,
      duration: Number(o.duration),
      cap: Number(o.cap),
      sold: Number(o.sold),
      termsURI: o.termsURI,
      termsHash: o.termsHash,
    };
  });
  const lic = account ? (r[ids.length] as readonly [boolean, bigint]) : undefined;
  const terms = account ? (r[ids.length + 1] as { offerId: bigint }) : undefined;
  return {
    offers,
    license: lic ? { valid: lic[0], expiresAt: lic[1], offerId: terms!.offerId } : undefined,
  };
}

/** What the marketplace owes `account` in each currency. */
/** What an account can take from the marketplace in one currency, as the chain says. */
export interface Owed {
  currency: Currency;
  /** Already credited (owed): `withdraw` pays it. */
  amount: bigint;
  /** The account's part of sales still in the given models' tills (split when settled). */
  unsettled: bigint;
  /** The models whose tills hold that part: `claimAll(models, …)` settles them and pays both. */
  models: bigint[];
}

/**
 * Reads what `account` is owed per currency and, for each till in `tills`, its part of the sales
 * not yet split (`pendingSplitOf`): the creator's part where it owns the model (`asOwner`), an
 * equal auditors' part where it is among the auditors the split would pay.
 */
export async function fetchOwed(
  config: Config,
  mc: MarketContracts,
  account: Address,
  currencies: Currency[],
  tills: { modelId: bigint; asOwner: boolean }[] = [],
): Promise<Owed[]> {
  const r = await readContracts(config, {
    allowFailure: false,
    contracts: [
      ...currencies.map(
        (c) => ({ ...mc.market, functionName: 'owed', args: [account, c.address] }) as const,
      ),
      ...tills.flatMap((t) =>
        currencies.map(
          (c) =>
            ({
              ...mc.market,
              functionName: 'pendingSplitOf',
              args: [t.modelId, c.address],
            }) as const,
        ),
      ),
      // The version each of an owner's tills sells (its lineage pays royalties), in the same call.
      ...tills.flatMap((t) =>
        currencies.map(
          (c) =>
            ({
              ...mc.market,
              functionName: 'tillOf',
              args: [t.asOwner ? t.modelId : 0n, c.address],
            }) as const,
        ),
      ),
    ],
  });
  type Pending = readonly [
    { creator: bigint; auditors: bigint; royalties: bigint },
    readonly Address[],
  ];
  const cells = tills.length * currencies.length;
  const splitOf = (m: number, c: number) =>
    r[currencies.length + m * currencies.length + c] as Pending;
  const versionOf = (m: number, c: number) =>
    (r[currencies.length + cells + m * currencies.length + c] as { version: number }).version;
  // An owner's till may also pay it royalties: its sales' version may descend from entries the
  // same account owns (each upstream entry's owner gets an equal part, as _settleTill credits).
  const royalties = await royaltyShares(
    config,
    mc,
    account,
    tills
      .flatMap((t, m) =>
        currencies.map((_, c) => ({ m, c, modelId: t.modelId, version: versionOf(m, c) })),
      )
      .filter(({ m, c }) => tills[m].asOwner && splitOf(m, c)[0].royalties > 0n),
  );
  return currencies.map((currency, c) => {
    let unsettled = 0n;
    const models: bigint[] = [];
    tills.forEach((t, m) => {
      const [split, paid] = splitOf(m, c);
      let part = t.asOwner ? split.creator : 0n;
      const mine = royalties.get(`${m}:${c}`);
      if (mine) part += (split.royalties / BigInt(mine.of)) * BigInt(mine.owned);
      if (paid.some((a) => sameAddress(a, account))) part += split.auditors / BigInt(paid.length);
      if (part > 0n) {
        unsettled += part;
        models.push(t.modelId);
      }
    });
    return { currency, amount: r[c] as bigint, unsettled, models };
  });
}

/**
 * For each till (`m:c`) whose pending split pays royalties: how many upstream entries of the sales'
 * version there are, and how many of them `account` owns.
 */
async function royaltyShares(
  config: Config,
  mc: MarketContracts,
  account: Address,
  tills: { m: number; c: number; modelId: bigint; version: number }[],
): Promise<Map<string, { of: number; owned: number }>> {
  const out = new Map<string, { of: number; owned: number }>();
  if (!tills.length) return out;
  const lineages = await readContracts(config, {
    allowFailure: false,
    contracts: tills.map(
      (t) =>
        ({
          ...mc.registry,
          functionName: 'lineageOf',
          args: [t.modelId, t.version],
        }) as const,
    ),
  });
  const upstream = [...new Set(lineages.flat())];
  const owners = await readContracts(config, {
    allowFailure: false,
    contracts: upstream.map(
      (id) => ({ ...mc.registry, functionName: 'ownerOf', args: [id] }) as const,
    ),
  });
  const owns = new Map(upstream.map((id, i) => [id, sameAddress(owners[i], account)]));
  tills.forEach((t, i) => {
    const ids = lineages[i];
    if (ids.length) {
      out.set(`${t.m}:${t.c}`, { of: ids.length, owned: ids.filter((id) => owns.get(id)).length });
    }
  });
  return out;
}

/** `IAuditRegistry.Verdict`, as the portal says it. */
export const VERDICT = VERDICTS;

export interface ReportRow {
  id: bigint;
  auditor: Address;
  version: number;
  verdict: number;
  scores: { quality: number; safety: number; bias: number; license: number };
  submittedAt: number;
  replaces: bigint;
  replacedBy: bigint;
  contentHash: Hex;
  reportHash: Hex;
  reportURI: string;
}

/**
 * The report a new one by `auditor` on `version` amends: their latest report on it not yet
 * replaced (an auditor keeps one current report per version; the older stays in the history).
 */
export function reportToReplace(
  reports: readonly ReportRow[],
  auditor: Address,
  version: number,
): ReportRow | undefined {
  return reports
    .filter((r) => r.version === version && r.replacedBy === 0n && sameAddress(r.auditor, auditor))
    .sort((a, b) => Number(b.id - a.id))[0];
}

/** Every report on every version of a model (one multicall for the ids, one for the reports). */
export async function fetchReports(
  config: Config,
  mc: MarketContracts,
  modelId: bigint,
  versions: number,
): Promise<ReportRow[]> {
  if (versions === 0) return [];
  const idLists = (await readContracts(config, {
    allowFailure: false,
    contracts: Array.from(
      { length: versions },
      (_, i) =>
        ({ ...mc.audits, functionName: 'reportsOf', args: [modelId, i + 1, 0n, 1000n] }) as const,
    ),
  })) as readonly (readonly bigint[])[];
  const ids = idLists.flat();
  if (ids.length === 0) return [];
  const reports = await readContracts(config, {
    allowFailure: false,
    contracts: ids.map((id) => ({ ...mc.audits, functionName: 'getReport', args: [id] }) as const),
  });
  return reports
    .map((r, i) => ({
      id: ids[i],
      auditor: r.auditor,
      version: r.version,
      verdict: r.verdict,
      scores: { quality: r.quality, safety: r.safety, bias: r.bias, license: r.license },
      submittedAt: r.submittedAt,
      replaces: r.replaces,
      replacedBy: r.replacedBy,
      contentHash: r.contentHash,
      reportHash: r.reportHash,
      reportURI: r.reportURI,
    }))
    .sort((a, b) => b.version - a.version || Number(b.id - a.id));
}

export async function fetchAuditor(config: Config, mc: MarketContracts, account: Address) {
  const [active, standing, minimumBond] = await readContracts(config, {
    allowFailure: false,
    contracts: [
      { ...mc.audits, functionName: 'isActiveAuditor', args: [account] },
      { ...mc.audits, functionName: 'auditorOf', args: [account] },
      { ...mc.audits, functionName: 'minimumBond' },
    ],
  });
  return {
    active,
    accredited: standing.accredited,
    bond: standing.bond,
    /** When a leaving auditor's bond unbonds (0: not leaving). */
    unbondingAt: standing.unbondingAt,
    /** Versions this auditor passed that are challenged (or delisted with a Pass still to slash): the bond is frozen. */
    openDisputes: standing.openDisputes,
    minimumBond,
  };
}

/** The findings of an audit report document. */
export const findingsOf = (text: string) => documentText(text, 'findings');
