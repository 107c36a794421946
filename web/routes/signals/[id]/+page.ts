import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(params.id)) error(404, 'No such poll');
  return { id: params.id.toLowerCase() };
};
