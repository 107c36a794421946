import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  if (!/^\d{1,80}$/.test(params.id)) error(404, 'No such proposal');
  return { id: BigInt(params.id) };
};
