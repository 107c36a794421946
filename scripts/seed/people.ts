// Who is who in the demo world: anvil's accounts 0-9 (funded by anvil) and four more accounts of the
// same mnemonic (10-13), funded in the seed by transfers from the token holders.
import { demoAccounts, type DemoAccount } from '../lib/accounts.ts';

export interface Person extends DemoAccount {
  name: string;
  roles: string[];
}

const ROLES: [string, string[]][] = [
  ['Ada', ['deployer', 'creator (Curia Commons datasets)', 'voter']],
  ['Ben', ['creator (Lumen Labs)', 'voter', 'proposer']],
  ['Chloe', ['creator (Open Speech, Open Vision)', 'voter', 'proposer']],
  ['Dev', ['curator', 'delegate (of Ines)', 'proposer']],
  ['Eve', ['curator', 'challenger', 'proposer']],
  ['Farid', ['challenger', 'curator', 'voter']],
  ['Grace', ['delegate (of Hiro)', 'curator', 'proposer']],
  ['Hiro', ['auditor', 'curator']],
  ['Ines', ['buyer', 'curator']],
  ['Jun', ['guardian (proposals and curation)']],
  ['Kai', ['curator', 'buyer', 'holder without delegation']],
  ['Lea', ['auditor']],
  ['Mo', ['buyer', 'curator', 'proposer (canceled by the guardian)']],
  ['Noor', ['curator', 'holder without delegation']],
];

/** Accounts 0-13 with their names and roles in the seeded world. */
export const PEOPLE: Person[] = demoAccounts(ROLES.length).map((a, i) => ({
  ...a,
  name: ROLES[i][0],
  roles: ROLES[i][1],
}));

export const by = (name: string): Person => {
  const p = PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
