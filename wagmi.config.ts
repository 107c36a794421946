// Typed ABIs for the portal and the scripts, generated from forge's artifacts (never hand-copied).
// `npm run gen` builds the contracts and writes protocol/generated/contracts.ts (gitignored).
import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

export default defineConfig({
  out: 'protocol/generated/contracts.ts',
  plugins: [
    foundry({
      project: '.',
      artifacts: 'out',
      // `npm run gen` runs `forge build` first (through the offline solc shim).
      forge: { build: false, rebuild: false },
      include: [
        'CuriaToken.sol/CuriaToken.json',
        'CuriaGovernor.sol/CuriaGovernor.json',
        'TimelockController.sol/TimelockController.json',
        'ModelRegistry.sol/ModelRegistry.json',
        'CurationRegistry.sol/CurationRegistry.json',
        'Marketplace.sol/Marketplace.json',
        'MeteredLicenses.sol/MeteredLicenses.json',
        'AuditRegistry.sol/AuditRegistry.json',
        'TestStablecoin.sol/TestStablecoin.json',
        // Plain OpenZeppelin reference contracts for `npm run bench` (scripts/bench/Baselines.sol).
        'Baselines.sol/BaselineVotesToken.json',
        'Baselines.sol/BaselineGovernor.json',
        'Baselines.sol/BaselineGovernorLateQuorum.json',
        'Baselines.sol/BaselineGovernorLocalClock.json',
        'Baselines.sol/BaselineERC721.json',
        'Baselines.sol/BaselineERC20.json',
      ],
    }),
  ],
});
