// Indexing entry point: the handlers of each contract, then every other event of every contract
// of the manifest, recorded in `chain_event` only (approvals, role grants, parameter changes, …).
import { CURIA_ABIS, eventNames } from '../../protocol/contracts.ts';
import type { CuriaContractName } from '../../protocol/names.ts';
import { addresses } from './lib/context.ts';
import { recordRemaining } from './lib/on.ts';
import './audits.ts';
import './curation.ts';
import './governance.ts';
import './marketplace.ts';
import './metering.ts';
import './registry.ts';

for (const name of Object.keys(addresses).filter((n) => n in CURIA_ABIS) as CuriaContractName[]) {
  recordRemaining(name, eventNames(name));
}
