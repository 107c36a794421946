// An example pay-per-use inference client and host (issue 19). The client calls a host's
// inference endpoint and signs, with every call, a cumulative usage receipt (EIP-712, the total
// units used so far with that host) that it sends in the x-curia-receipt header; the host checks
// the receipt (signature, counting on from the last one, its own address, the offer's model,
// expiry, the credit left on chain), answers, keeps the latest receipt, and redeems it on chain.
//
//   npm run inference-example -- <modelId> <offerId> [calls]
//     runs a local example host (the gateway's host key, CURIA_GATEWAY_HOST_KEY: account 18 on
//     the local chain, which the seed authorizes) and a client (CURIA_KEY, default Ines) making
//     `calls` calls (default 5), then redeems the latest receipt. The offer needs credit first
//     (the model page: Pay per use → Deposit credit).
import http from 'node:http';
import {
  createPublicClient,
  http as httpTransport,
  type Address,
  type Hex,
  type LocalAccount,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { decodeReceipt, encodeReceipt, RECEIPT_HEADER } from '../protocol/gateway.ts';
import { meteredLicensesAbi } from '../protocol/generated/contracts.ts';
import {
  receiptRefusal,
  usageReceiptTypedData,
  usageReceiptVerifier,
  type ReceiptCheckContext,
  type SignedUsageReceipt,
  type UsageReceipt,
} from '../protocol/usage.ts';
import { demoAccounts, GATEWAY_HOST } from './lib/accounts.ts';
import { sendRedeemUsage } from './lib/gateway.ts';

/** Where a metered offer is served: its chain, contract, model, offer and host. */
export interface MeteredTarget {
  chainId: number;
  meteredLicenses: Address;
  modelId: bigint;
  offerId: bigint;
  host: Address;
}

/** The client side: counts units and signs the cumulative receipt sent with each call. */
export class MeteredClient {
  #units: bigint;
  constructor(
    private readonly licensee: LocalAccount,
    private readonly target: MeteredTarget,
    private readonly expiry: bigint,
    unitsSoFar = 0n,
  ) {
    this.#units = unitsSoFar;
  }

  get units(): bigint {
    return this.#units;
  }

  /** The receipt for `units` more units of use (never reuses a count: receipts are cumulative). */
  async receiptFor(units = 1n): Promise<SignedUsageReceipt> {
    const receipt: UsageReceipt = {
      modelId: this.target.modelId,
      offerId: this.target.offerId,
      licensee: this.licensee.address,
      host: this.target.host,
      units: this.#units + units,
      expiry: this.expiry,
    };
    const signature = await this.licensee.signTypedData(
      usageReceiptTypedData(this.target.chainId, this.target.meteredLicenses, receipt),
    );
    this.#units = receipt.units;
    return { receipt, signature };
  }

  /** One inference call: POSTs `input` with the next receipt; the host's answer, or its refusal. */
  async call(url: string, input: string): Promise<string> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { [RECEIPT_HEADER]: encodeReceipt(await this.receiptFor()) },
      body: input,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`The host refused the call (${res.status}): ${text}`);
    return text;
  }
}

/** An example inference host: checks each call's receipt against the chain, answers, keeps the latest. */
export function startExampleHost(opts: {
  rpcUrl: string;
  target: MeteredTarget;
  port?: number;
}): Promise<{ url: string; latest: Map<Address, SignedUsageReceipt>; close: () => void }> {
  const client = createPublicClient({ transport: httpTransport(opts.rpcUrl) });
  const latest = new Map<Address, SignedUsageReceipt>();
  const m = { address: opts.target.meteredLicenses, abi: meteredLicensesAbi } as const;
  // On chain, as MeteredLicenses does: an EOA's signature, or a contract licensee's (ERC-1271).
  const verify = usageReceiptVerifier(client, opts.target.chainId, opts.target.meteredLicenses);
  /** The chain's side of the check of `licensee`'s next receipt (protocol/usage.ts). */
  const context = async (licensee: Address): Promise<ReceiptCheckContext> => {
    const { modelId, offerId, host } = opts.target;
    const [credit, redeemed, offer, isHost, block] = await Promise.all([
      client.readContract({ ...m, functionName: 'creditOf', args: [offerId, licensee] }),
      client.readContract({ ...m, functionName: 'usageRedeemed', args: [offerId, licensee, host] }),
      client.readContract({ ...m, functionName: 'getMeteredOffer', args: [offerId] }),
      client.readContract({ ...m, functionName: 'isHost', args: [modelId, host] }),
      client.getBlock(),
    ]);
    return {
      modelId,
      offerId,
      host,
      nowS: block.timestamp,
      offer: { modelId: offer.modelId, price: offer.price, meterUnits: BigInt(offer.meterUnits) },
      credit: { balance: credit.balance, unlockAt: BigInt(credit.unlockAt) },
      redeemed,
      counted: latest.get(licensee)?.receipt.units ?? 0n,
      isHost,
      verify,
    };
  };
  const server = http.createServer(async (req, res) => {
    const body: Buffer[] = [];
    for await (const chunk of req) body.push(chunk as Buffer);
    const decoded = decodeReceipt(String(req.headers[RECEIPT_HEADER] ?? ''));
    if (!decoded.ok) return res.writeHead(401).end(decoded.reason);
    const signed = decoded.value;
    try {
      const refusal = await receiptRefusal(signed, await context(signed.receipt.licensee));
      if (refusal) return res.writeHead(refusal.status).end(refusal.reason);
    } catch {
      return res.writeHead(503).end('The host could not read the chain; try again.');
    }
    latest.set(signed.receipt.licensee, signed);
    // The example "model": it answers with the input reversed.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(Buffer.concat(body).toString('utf8').split('').reverse().join(''));
  });
  return new Promise((resolve) =>
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/infer`, latest, close: () => server.close() });
    }),
  );
}

/** The host redeems the latest receipt of each licensee in one transaction. */
export async function redeemLatest(
  rpcUrl: string,
  target: MeteredTarget,
  host: LocalAccount,
  receipts: SignedUsageReceipt[],
): Promise<Hex | null> {
  if (receipts.length === 0) return null;
  return sendRedeemUsage(rpcUrl, target.chainId, target.meteredLicenses, host, receipts);
}

async function main() {
  const [model, offer, calls = '5'] = process.argv.slice(2);
  if (!model || !offer) {
    console.error('usage: npm run inference-example -- <modelId> <offerId> [calls]');
    process.exit(2);
  }
  const portalUrl =
    process.env.CURIA_PORTAL_URL ?? `http://127.0.0.1:${process.env.PORTAL_PORT || 5173}`;
  const rpcUrl = process.env.PUBLIC_RPC_URL ?? `http://127.0.0.1:${process.env.ANVIL_PORT || 8545}`;
  const manifest = (await (await fetch(new URL('/api/manifest', portalUrl))).json()) as {
    chainId: number;
    contracts: { MeteredLicenses: Address };
  };
  const host = privateKeyToAccount(
    (process.env.CURIA_GATEWAY_HOST_KEY ?? GATEWAY_HOST.privateKey) as Hex,
  );
  const licensee = privateKeyToAccount(
    (process.env.CURIA_KEY ?? demoAccounts(14)[8].privateKey) as Hex,
  );
  const target: MeteredTarget = {
    chainId: manifest.chainId,
    meteredLicenses: manifest.contracts.MeteredLicenses,
    modelId: BigInt(model),
    offerId: BigInt(offer),
    host: host.address,
  };
  const client = createPublicClient({ transport: httpTransport(rpcUrl) });
  const redeemed = await client.readContract({
    address: target.meteredLicenses,
    abi: meteredLicensesAbi,
    functionName: 'usageRedeemed',
    args: [target.offerId, licensee.address, host.address],
  });
  const expiry = (await client.getBlock()).timestamp + 7n * 24n * 3600n;
  const hostServer = await startExampleHost({ rpcUrl, target });
  const caller = new MeteredClient(licensee, target, expiry, redeemed);
  try {
    for (let i = 0; i < Number(calls); i++) {
      const answer = await caller.call(hostServer.url, `call ${i + 1}`);
      console.log(`call ${i + 1} (receipt for ${caller.units} units): ${answer}`);
    }
    const hash = await redeemLatest(rpcUrl, target, host, [...hostServer.latest.values()]);
    console.log(hash ? `The host redeemed the latest receipt in ${hash}.` : 'Nothing to redeem.');
  } finally {
    hostServer.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
