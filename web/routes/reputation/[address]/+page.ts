import { error } from '@sveltejs/kit';
import { isAddress } from 'viem';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  if (!isAddress(params.address, { strict: false })) {
    error(404, `“${params.address}” is not an address: 0x followed by 40 hexadecimal characters.`);
  }
  return { address: params.address.toLowerCase() as `0x${string}` };
};
