// Fetching untrusted documents (cards, evidence) through the portal's server.
import { docUrl } from './card';

export type DocFetch = { status: 'ok'; text: string } | { status: 'unavailable'; reason: string };

export async function fetchDoc(uri: string): Promise<DocFetch> {
  const url = docUrl(uri);
  if (!url) {
    return {
      status: 'unavailable',
      reason: uri ? 'Only ipfs:// documents kept by this portal can be shown.' : 'No document.',
    };
  }
  const res = await fetch(url);
  if (res.status === 404) {
    return { status: 'unavailable', reason: 'This portal does not have the document.' };
  }
  if (res.status === 502) {
    return {
      status: 'unavailable',
      reason:
        'The stored copy does not match its content id (changed or damaged), so it is not shown.',
    };
  }
  if (!res.ok) return { status: 'unavailable', reason: `The portal answered ${res.status}.` };
  return { status: 'ok', text: await res.text() };
}
