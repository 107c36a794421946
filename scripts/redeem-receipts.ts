// `npm run redeem-receipts`: the gateway's host redeems the latest usage receipt of every licensee
// in one transaction (issue 19): it reads them from its portal (GET /api/gateway/receipts, with a
// token signed by the host key), skips those already redeemed or expired, and sends
// MeteredLicenses.redeemUsage from CURIA_GATEWAY_HOST_KEY (on the local chain: test account 18, the
// default host the seed authorizes).
//
//   npm run redeem-receipts                          the local stack (PORTAL_PORT, ANVIL_PORT)
//   CURIA_GATEWAY_HOST_KEY=0x… CURIA_PORTAL_URL=https://… PUBLIC_RPC_URL=https://… npm run redeem-receipts
import { privateKeyToAccount } from 'viem/accounts';
import type { Address, Hex } from 'viem';
import { GATEWAY_HOST } from './lib/accounts.ts';
import { redeemReceipts } from './lib/gateway.ts';

async function main() {
  const portalUrl =
    process.env.CURIA_PORTAL_URL ?? `http://127.0.0.1:${process.env.PORTAL_PORT || 5173}`;
  const rpcUrl = process.env.PUBLIC_RPC_URL ?? `http://127.0.0.1:${process.env.ANVIL_PORT || 8545}`;
  const host = privateKeyToAccount(
    (process.env.CURIA_GATEWAY_HOST_KEY ?? GATEWAY_HOST.privateKey) as Hex,
  );
  const manifest = (await (await fetch(new URL('/api/manifest', portalUrl))).json()) as {
    chainId: number;
    contracts: { MeteredLicenses: Address };
  };
  const { hash, redeemed } = await redeemReceipts({
    portalUrl,
    rpcUrl,
    chainId: manifest.chainId,
    meteredLicenses: manifest.contracts.MeteredLicenses,
    host,
  });
  if (!hash) return console.log(`Nothing to redeem for host ${host.address}.`);
  console.log(`Redeemed ${redeemed.length} receipt(s) for host ${host.address} in ${hash}:`);
  for (const { receipt: r } of redeemed)
    console.log(`  model ${r.modelId} offer ${r.offerId} ${r.licensee}: ${r.units} units`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
