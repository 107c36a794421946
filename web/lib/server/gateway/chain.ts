// The gateway's chain reads with viem: the registry (versions), the marketplace (licenses),
// curation (whether a model is listed) and MeteredLicenses (pay-per-use offers, credit, hosts, what
// a host redeemed), and the signature check of access messages (EOAs and ERC-1271 wallets).
import { erc20Abi, zeroAddress, type Address, type PublicClient } from 'viem';
import { verifyTypedDataOnChain } from '$protocol/chain';
import type { Manifest } from '$protocol/manifest';
import {
  curationRegistryAbi,
  marketplaceAbi,
  meteredLicensesAbi,
  modelRegistryAbi,
} from '$protocol/generated/contracts';
import type { GatewayChain } from './service';
import type { AccessVerifier } from './tokens';

/** Whether a GatewayAccess message is its account's: an EOA's, or a contract wallet's (ERC-1271). */
export function viemAccessVerifier(
  client: Pick<PublicClient, 'verifyTypedData' | 'getBlockNumber'>,
): AccessVerifier {
  return ({ address, signature, typedData }) =>
    verifyTypedDataOnChain(client, { address, signature, ...typedData });
}

export function viemGatewayChain(client: PublicClient, m: Manifest): GatewayChain {
  const registry = { address: m.contracts.ModelRegistry, abi: modelRegistryAbi } as const;
  const market = { address: m.contracts.Marketplace, abi: marketplaceAbi } as const;
  const meter = { address: m.contracts.MeteredLicenses, abi: meteredLicensesAbi } as const;
  const curation = { address: m.contracts.CurationRegistry, abi: curationRegistryAbi } as const;
  return {
    async ownerOf(modelId) {
      return client.readContract({ ...registry, functionName: 'ownerOf', args: [modelId] });
    },
    async listed(modelId) {
      const [listed] = await client.readContract({
        ...curation,
        functionName: 'saleStateOf',
        args: [modelId],
      });
      return listed;
    },
    async now() {
      return Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
    },
    async versionCount(modelId) {
      const exists = await client.readContract({
        ...registry,
        functionName: 'exists',
        args: [modelId],
      });
      if (!exists) return 0;
      return Number(
        await client.readContract({ ...registry, functionName: 'versionCount', args: [modelId] }),
      );
    },
    async version(modelId, version) {
      const v = await client.readContract({
        ...registry,
        functionName: 'getVersion',
        args: [modelId, version],
      });
      return { contentHash: v.contentHash, metadataURI: v.metadataURI };
    },
    async license(modelId, account) {
      const [[valid], license, licensed] = await Promise.all([
        client.readContract({
          ...market,
          functionName: 'hasValidLicense',
          args: [modelId, account],
        }),
        client.readContract({ ...market, functionName: 'licenseOf', args: [modelId, account] }),
        client.readContract({
          ...market,
          functionName: 'licensedVersionOf',
          args: [modelId, account],
        }),
      ]);
      return {
        valid,
        expiresAt: BigInt(license.expiresAt),
        version: Number(license.version),
        licensedVersion: Number(licensed),
      };
    },
    async offer(offerId) {
      const count = await client.readContract({ ...meter, functionName: 'meteredOfferCount' });
      if (offerId === 0n || offerId > count) return undefined;
      const o = await client.readContract({
        ...meter,
        functionName: 'getMeteredOffer',
        args: [offerId],
      });
      const unit =
        o.currency === zeroAddress
          ? { symbol: 'ETH', decimals: 18 }
          : await Promise.all([
              client.readContract({ address: o.currency, abi: erc20Abi, functionName: 'symbol' }),
              client.readContract({ address: o.currency, abi: erc20Abi, functionName: 'decimals' }),
            ]).then(
              ([symbol, decimals]) => ({ symbol, decimals }),
              () => undefined,
            );
      return {
        modelId: BigInt(o.modelId),
        price: BigInt(o.price),
        meterUnits: Number(o.meterUnits),
        active: o.active,
        unit,
      };
    },
    async credit(offerId, licensee) {
      const c = await client.readContract({
        ...meter,
        functionName: 'creditOf',
        args: [offerId, licensee],
      });
      return { balance: c.balance, unlockAt: Number(c.unlockAt) };
    },
    usageRedeemed: (offerId, licensee, host: Address) =>
      client.readContract({
        ...meter,
        functionName: 'usageRedeemed',
        args: [offerId, licensee, host],
      }),
    isHost: (modelId, host) =>
      client.readContract({ ...meter, functionName: 'isHost', args: [modelId, host] }),
  };
}
