// GET /api/models/<id>/resolve/<version>/<file> (Hugging Face style): a version's file, streamed
// to a caller whose license covers that version (or with a pay-per-use receipt), checked against
// the card's and the chain's sha-256 as it streams. Refusals in plain words (text/plain): 401 not
// signed in or a bad token, 402 credit too low, 403 no license / expired / version not covered,
// 404 no such model, version or file, 409 receipt out of order, 502 the store's file or card does
// not match, 503 the chain is down. With ?check, 204 when it would be served, and nothing is
// counted or sent. See web/lib/server/gateway/.
import { RECEIPT_HEADER } from '$protocol/gateway';
import { gatewayCaller, gatewayDeps, refusal } from '$lib/server/gateway';
import { resolveFile } from '$lib/server/gateway/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  try {
    const caller = await gatewayCaller(event);
    const file = await resolveFile(await gatewayDeps(), {
      modelId: event.params.id,
      version: event.params.version,
      file: event.params.file,
      account: caller.account,
      unauthenticated: caller.unauthenticated,
      receipt: event.request.headers.get(RECEIPT_HEADER) ?? event.url.searchParams.get('receipt'),
      check: event.url.searchParams.has('check'),
    });
    // ?check: would it be served? 204 and nothing counted, or the same refusal as the download.
    if (event.url.searchParams.has('check')) {
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
    }
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${file.name}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'x-curia-sha256': file.sha256,
      'x-curia-access': file.how,
    };
    if (file.size) headers['content-length'] = String(file.size);
    return new Response(file.stream, { headers });
  } catch (err) {
    return refusal(err);
  }
};
