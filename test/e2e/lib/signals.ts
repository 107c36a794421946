// Off-chain signals made through the portal's API, signed with an account's key as a wallet would
// (EIP-712, the envelope snapshot.js sends). Used by the signals and phone suites.
import type { World } from './world.ts';

/** Opens a poll signed by account `author`; returns its id. Throws with the portal's reason. */
export async function apiPoll(
  portalUrl: string,
  world: World,
  author: number,
  type: string,
  choices: string[],
  title = `A ${type} poll`,
): Promise<string> {
  const headers = { 'content-type': 'application/json' };
  const now = Number((await world.publicClient.getBlock()).timestamp);
  const preparing = await fetch(`${portalUrl}/api/signals/prepare`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      kind: 'poll',
      from: world.accounts[author].address,
      type,
      title,
      choices,
      end: now + 86_400,
      context: { kind: 'general' },
    }),
  });
  const prepared = await preparing.json();
  if (!preparing.ok || !prepared.primaryType) {
    throw new Error(`the portal refused to prepare the poll: ${JSON.stringify(prepared)}`);
  }
  const sig = await world.wallets[author].signTypedData(prepared);
  const envelope = {
    address: world.accounts[author].address,
    sig,
    data: { domain: prepared.domain, types: prepared.types, message: prepared.message },
  };
  const res = await fetch(`${portalUrl}/api/signals`, {
    method: 'POST',
    headers,
    body: JSON.stringify(envelope),
  });
  const body = (await res.json()) as { ok: boolean; kind?: string; id?: string; reason?: string };
  if (!body.ok || body.kind !== 'poll' || !body.id) {
    throw new Error(`the portal refused the poll: ${JSON.stringify(body)}`);
  }
  return body.id;
}
