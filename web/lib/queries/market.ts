// Marketplace reads: accepted currencies, a model's offers and the viewer's license, what the
// marketplace owes an account or the treasury, curators' fees, and a buyer's licenses.
import { readContract, readContracts } from '@wagmi/core';
import type { Address } from 'viem';
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { LISTING_STATUS } from '$protocol/enums';
import { coveredRange } from '$protocol/gateway';
import { fetchFees } from '../fees';
import { licensesOf } from '../licenses';
import {
  fetchCurrencies,
  fetchMarket,
  fetchOwed,
  marketContracts,
  type Currency,
  type OfferRow,
} from '../market';
import { fetchMetered, meteringContract } from '../metering';
import { indexKey, readKey } from './keys';

const MARKET = 'Marketplace';

/** ETH and the ERC-20s the marketplace accepts. */
export function currenciesQuery(curia: Curia) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'isCurrencyAllowed'),
    queryFn: () => fetchCurrencies(curia.config, mc!, curia.manifest!),
    enabled: !!mc,
    staleTime: 60_000,
  };
}

/** The marketplace's fee split. */
export function marketFeesQuery(curia: Curia) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'fees'),
    queryFn: () => readContract(curia.config, { ...mc!.market, functionName: 'fees' }),
    enabled: !!mc,
  };
}

/** A model's offers, and the viewer's license when connected. */
export function modelMarketQuery(curia: Curia, modelId: bigint, account: Address | undefined) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'offersOf', [modelId, account]),
    queryFn: () => fetchMarket(curia.config, mc!, modelId, account),
    enabled: !!mc,
  };
}

/** What the marketplace owes `account` in each of `currencies`. */
/**
 * What the marketplace owes `account` in each currency, with its part of the unsettled tills of
 * `tills` (models it owns, or passed as an auditor): paid when the till is split.
 */
export function owedQuery(
  curia: Curia,
  account: Address | undefined,
  currencies: Currency[] | undefined,
  tills: { modelId: bigint; asOwner: boolean }[] = [],
) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'owed', [
      account,
      currencies?.map((c) => c.address),
      tills,
    ]),
    queryFn: () => fetchOwed(curia.config, mc!, account!, currencies!, tills),
    enabled: !!mc && !!account && !!currencies,
  };
}

/** What the marketplace owes the treasury (the timelock), in each currency it holds some. */
export function treasuryOwedQuery(curia: Curia) {
  const c = contractsOf(curia);
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'owed', [c?.timelock.address]),
    queryFn: async () => {
      const currencies = await fetchCurrencies(curia.config, mc!, curia.manifest!);
      const amounts = await fetchOwed(curia.config, mc!, c!.timelock.address, currencies);
      return amounts.filter((o) => o.amount > 0n);
    },
    enabled: !!c && !!mc,
  };
}

/** A curator's fees on `models` in `currencies`, and what it can claim. */
export function curatorFeesQuery(
  curia: Curia,
  account: Address,
  models: { modelId: bigint; title: string | null }[],
  currencies: Currency[] | undefined,
) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'pendingCuratorFees', [
      account,
      models.map((m) => m.modelId),
      currencies?.map((c) => c.address),
    ]),
    queryFn: () => fetchFees(curia.config, mc!, account, models, currencies!),
    enabled: !!mc && !!currencies,
  };
}

/**
 * A buyer's licenses: the purchases from the index, each license's validity, offer and the entry's
 * status from the chain (what the buyer relies on).
 */
export function myLicensesQuery(curia: Curia, account: Address | undefined) {
  const c = contractsOf(curia);
  const mc = marketContracts(curia.manifest);
  const indexer = curia.indexer;
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'hasValidLicense', [account]),
    queryFn: async () => {
      const sales = await indexer!.all((page) => indexer!.accountSales(account!, page));
      const entries = licensesOf(account!, sales);
      const ids = [...new Set(entries.map((e) => e.modelId))];
      const titles = new Map(
        await Promise.all(
          ids.map(
            async (id) =>
              [id, (await indexer!.model(id).catch(() => null))?.title ?? null] as const,
          ),
        ),
      );
      const r = (await readContracts(curia.config, {
        allowFailure: false,
        contracts: entries.flatMap((e) => [
          { ...mc!.market, functionName: 'hasValidLicense', args: [e.modelId, e.licensee] },
          { ...mc!.market, functionName: 'getOffer', args: [BigInt(e.last.offerId)] },
          { ...c!.curation, functionName: 'statusOf', args: [e.modelId] },
        ]) as never,
      })) as unknown[];
      return entries.map((e, i) => {
        const [valid, expiresAt] = r[3 * i] as readonly [boolean, bigint];
        return {
          ...e,
          title: titles.get(e.modelId) ?? null,
          valid,
          expiresAt,
          offer: r[3 * i + 1] as Omit<OfferRow, 'id'>,
          status: LISTING_STATUS[r[3 * i + 2] as number],
        };
      });
    },
    enabled: !!indexer && !!account && !!mc && !!c,
  };
}

/**
 * The versions of `modelId` whose files `account` may download through the gateway: its license
 * (hasValidLicense, licenseOf, licensedVersionOf) and the range it covers ($protocol/gateway).
 */
export function licenseCoverageQuery(curia: Curia, modelId: bigint, account: Address | undefined) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, MARKET, 'licensedVersionOf', [modelId, account]),
    queryFn: async () => {
      const [[valid], license, licensed] = (await readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...mc!.market, functionName: 'hasValidLicense', args: [modelId, account!] },
          { ...mc!.market, functionName: 'licenseOf', args: [modelId, account!] },
          { ...mc!.market, functionName: 'licensedVersionOf', args: [modelId, account!] },
        ] as never,
      })) as unknown as [
        readonly [boolean, bigint],
        { expiresAt: number; version: number },
        number,
      ];
      return (
        coveredRange({
          valid,
          expiresAt: BigInt(license.expiresAt),
          version: Number(license.version),
          licensedVersion: Number(licensed),
        }) ?? null
      );
    },
    enabled: !!mc && !!account,
  };
}

/** A model's pay-per-use offers, with the viewer's credit for each when connected. */
export function meteredQuery(curia: Curia, modelId: bigint, account: Address | undefined) {
  const metering = meteringContract(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, 'MeteredLicenses', 'meteredOffersOf', [modelId, account]),
    queryFn: () => fetchMetered(curia.config, metering!, modelId, account),
    enabled: !!metering,
  };
}

/** How long a pay-per-use credit stays locked after its licensee asks to withdraw it (a constant). */
export function creditNoticeQuery(curia: Curia) {
  const metering = meteringContract(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, 'MeteredLicenses', 'CREDIT_NOTICE'),
    queryFn: () => readContract(curia.config, { ...metering!, functionName: 'CREDIT_NOTICE' }),
    enabled: !!metering,
    staleTime: Infinity,
  };
}

/** The account's pay-per-use credits, from the index (the model page reads each live). */
export function myCreditsQuery(curia: Curia, account: Address | undefined) {
  const indexer = curia.indexer;
  return {
    queryKey: indexKey(curia.chain.id, 'accountCredits', [account]),
    queryFn: () => indexer!.all((page) => indexer!.accountCredits(account!, page)),
    enabled: !!indexer && !!account,
  };
}
