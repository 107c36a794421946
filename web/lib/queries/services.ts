// Reads of the portal's own services: documents checked against their CIDs, the relayer's status,
// off-chain signals, and the signed-in account (Sign-In with Ethereum).
import { verifyDoc } from '../docs';
import { follows, session } from '../notify/api';
import { fetchRelayStatus } from '../relay/api';
import { fetchPoll, fetchPolls, fetchPower } from '../signals/api';
import type { Address } from 'viem';
import { serviceKey, serviceScope } from './keys';

/** A document fetched and checked against its CID (and the on-chain hash when given). */
export function docCheckQuery(uri: string | undefined, hash?: string) {
  return {
    queryKey: serviceKey('docs', 'verify', [uri, hash]),
    queryFn: () => verifyDoc(uri!, hash),
    enabled: !!uri,
    staleTime: 60_000,
  };
}

/** Whether the portal's relayer can send a signed vote (the voter then pays no gas). */
export function relayStatusQuery() {
  return {
    queryKey: serviceKey('relay', 'status'),
    queryFn: fetchRelayStatus,
    staleTime: 60_000,
  };
}

export function pollsQuery() {
  return { queryKey: serviceKey('signals', 'polls'), queryFn: () => fetchPolls() };
}

export function pollQuery(id: string) {
  return { queryKey: serviceKey('signals', 'poll', [id]), queryFn: () => fetchPoll(id) };
}

export function pollPowerQuery(id: string, account: Address | undefined) {
  return {
    queryKey: serviceKey('signals', 'power', [id, account]),
    queryFn: () => fetchPower(id, account!),
    enabled: !!account,
  };
}

/** Everything of the signals service (asked again after a vote). */
export const signalsScope = () => serviceScope('signals');

/** The account signed in with Ethereum on this portal (its session cookie), or null. */
export function sessionQuery() {
  return {
    queryKey: serviceKey('auth', 'session'),
    queryFn: session,
    staleTime: 30_000,
  };
}

/** The models a signed-in account follows (notifications), when `enabled`. */
export function followsQuery(enabled: boolean) {
  return {
    queryKey: serviceKey('auth', 'follows'),
    queryFn: async () => (await follows()).follows,
    enabled,
  };
}
