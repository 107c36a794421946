// A pay-per-use download in the browser: the offer it is paid from, and the download itself (the
// portal says which unit comes next, the wallet signs the cumulative usage receipt, EIP-712, no
// transaction; the gateway checks it and the credit, keeps it for its host to redeem, and streams
// the file). The gateway's refusals are plain text (402 credit too low, 403 off sale, 409 a unit
// used meanwhile) and are shown as they come.
import { signTypedData, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import { encodeReceipt, RECEIPT_HEADER } from '$protocol/gateway';
import { usageReceiptTypedData, type UsageReceipt } from '$protocol/usage';
import { NotifyApiError, usageNext } from './notify/api';

export interface PerUseDownload {
  chainId: number;
  /** The MeteredLicenses contract (the receipt's EIP-712 domain). */
  metering: Address;
  account: Address;
  modelId: bigint;
  offerId: bigint;
  /** The gateway's URL of the file, and the name it is saved under. */
  url: string;
  file: string;
}

/**
 * Signs the next usage receipt, has the gateway check it, then hands the download to the browser,
 * which saves the file as it streams.
 */
export async function downloadPerUse(config: Config, d: PerUseDownload): Promise<void> {
  const next = await usageNext(d.offerId);
  const receipt: UsageReceipt = {
    modelId: d.modelId,
    offerId: d.offerId,
    licensee: d.account,
    host: next.host,
    units: BigInt(next.units),
    expiry: BigInt(next.expiry),
  };
  const signature = await signTypedData(config, {
    account: d.account,
    ...usageReceiptTypedData(d.chainId, d.metering, receipt),
  });
  const encoded = encodeReceipt({ receipt, signature });
  // First asked with ?check (nothing counted): a refusal is read and shown on the page. Then the
  // download itself is a link the browser saves to disk as it arrives (fetched here, a model's
  // weights would be held in memory whole before the save dialog).
  const sep = d.url.includes('?') ? '&' : '?';
  let res: Response;
  try {
    res = await fetch(`${d.url}${sep}check`, { headers: { [RECEIPT_HEADER]: encoded } });
  } catch {
    throw new NotifyApiError('The portal did not answer. Check your connection and try again.', 0);
  }
  if (!res.ok) {
    const reason = (await res.text().catch(() => '')).trim();
    throw new NotifyApiError(reason || `The download was refused (${res.status}).`, res.status);
  }
  const a = document.createElement('a');
  a.href = `${d.url}${sep}receipt=${encodeURIComponent(encoded)}`;
  a.download = d.file;
  document.body.append(a);
  a.click();
  a.remove();
}
