// The publish page of a model that is not on the chain answers 404, as the model page does.
export { load } from '../+page.server';
