// A model page: 404 for an id that is no entry on the chain; the page itself reads the model from
// the chain and the index in the browser.
import { error } from '@sveltejs/kit';
import { exists, notFoundMessage } from '$lib/server/exists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  if (!/^[1-9]\d{0,19}$/.test(params.id)) error(404, 'No such model: a model number is 1, 2, 3…');
  const id = BigInt(params.id);
  if ((await exists('model', id)) === false) error(404, notFoundMessage('model', id));
  return { id };
};
