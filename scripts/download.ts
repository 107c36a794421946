// `npm run download -- <modelId> <version> [file ...]`: a Hugging Face-style download of a
// licensed version's files through the portal's gateway (issue 19). The account signs an EIP-712
// access message for a 1-hour token, then each file is streamed to <out>/<modelId>/v<version>/
// and its sha-256 checked (the gateway checks it too, against the card and the chain, and stops
// a download that does not match). Without files: every file the version's card lists.
//
//   CURIA_KEY=0x… npm run download -- 12 3                       every file of model 12 v3
//   npm run download -- 12 3 model.safetensors --key 0x… --portal http://127.0.0.1:5173 --out models
//
// The key (CURIA_KEY or --key) is the licensee's; a metered offer needs a receipt per download
// (scripts/lib/gateway.ts signUsageReceipt; --offer <id> --host <gateway host address> signs
// them: cumulative units from --from, default 1, one more per file).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { privateKeyToAccount } from 'viem/accounts';
import type { Address, Hex } from 'viem';
import { parseCard } from '../protocol/card.ts';
import { downloadFile, gatewayToken, GatewayRefusal, signUsageReceipt } from './lib/gateway.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    key: { type: 'string' },
    portal: { type: 'string' },
    out: { type: 'string', default: 'downloads' },
    offer: { type: 'string' },
    from: { type: 'string', default: '1' },
    host: { type: 'string' },
  },
});

async function main() {
  const [modelText, versionText, ...files] = positionals;
  if (!modelText || !versionText)
    throw new Error(
      'usage: npm run download -- <modelId> <version> [file ...] [--key 0x…] [--portal URL] [--out DIR]',
    );
  const key = (opts.key ?? process.env.CURIA_KEY) as Hex | undefined;
  if (!key) throw new Error("Give the licensee's private key: CURIA_KEY=0x… or --key 0x….");
  const portal =
    opts.portal ??
    process.env.CURIA_PORTAL_URL ??
    `http://127.0.0.1:${process.env.PORTAL_PORT || 5173}`;
  const account = privateKeyToAccount(key);
  const modelId = BigInt(modelText);
  const version = Number(versionText.replace(/^v/, ''));
  const manifest = (await (await fetch(new URL('/api/manifest', portal))).json()) as {
    chainId: number;
    contracts: Record<string, Address>;
  };
  const { token, expiresAt } = await gatewayToken(portal, account, manifest.chainId);
  console.log(`${account.address}: gateway token until ${expiresAt}`);
  if (files.length === 0) {
    // Every file of the version's card (read from the portal's verified document route).
    const cid = await cardCid(manifest.contracts.ModelRegistry, modelId, version);
    const res = await fetch(new URL(`/api/docs/${cid}`, portal));
    if (!res.ok) throw new Error(`the card of v${version} is not readable: ${await res.text()}`);
    files.push(...parseCard(await res.text()).card.files.map((f) => f.name));
  }
  if (opts.offer && !opts.host && !process.env.CURIA_GATEWAY_HOST)
    throw new Error("A metered download names the gateway's host address: --host 0x….");
  let units = BigInt(opts.from);
  for (const file of files) {
    const dest = path.join(opts.out, String(modelId), `v${version}`, file);
    const receipt = opts.offer
      ? await signUsageReceipt(account, manifest.chainId, manifest.contracts.MeteredLicenses, {
          modelId,
          offerId: BigInt(opts.offer),
          host: (opts.host ?? process.env.CURIA_GATEWAY_HOST) as Address,
          units: units++,
          expiry: BigInt(Math.floor(Date.now() / 1000) + 3600),
        })
      : undefined;
    const got = await downloadFile({
      portalUrl: portal,
      token,
      modelId,
      version,
      file,
      dest,
      receipt,
    });
    console.log(`${dest}  ${got.bytes} bytes  sha-256 ${got.sha256}`);
  }
}

/** The metadata CID of a version, from the chain (PUBLIC_RPC_URL, else the local chain). */
async function cardCid(registry: Address, modelId: bigint, version: number): Promise<string> {
  const { createPublicClient, http } = await import('viem');
  const { modelRegistryAbi } = await import('../protocol/generated/contracts.ts');
  const rpcUrl = process.env.PUBLIC_RPC_URL ?? `http://127.0.0.1:${process.env.ANVIL_PORT || 8545}`;
  const client = createPublicClient({ transport: http(rpcUrl) });
  const v = await client.readContract({
    address: registry,
    abi: modelRegistryAbi,
    functionName: 'getVersion',
    args: [modelId, version],
  });
  const match = /^ipfs:\/\/(?:ipfs\/)?([A-Za-z0-9]+)$/.exec(v.metadataURI);
  if (!match)
    throw new Error(`v${version}'s metadata is not an ipfs:// CID: name the files to download`);
  return match[1];
}

main().catch((err: Error) => {
  console.error(
    err instanceof GatewayRefusal ? `refused (${err.status}): ${err.message}` : err.message,
  );
  process.exit(1);
});
