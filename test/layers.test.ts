// The import rule contracts → protocol → {indexer, web} → scripts (eslint.config.js,
// `layers/import-direction`): ESLint's own API lints small files placed, virtually, in each
// layer, and a backward import must fail the lint while the allowed directions pass.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../protocol/paths.ts';

const eslint = new ESLint({ cwd: ROOT });

/** The messages of the import rule for `code` as if it were the file `file` of the repository. */
async function directionErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId === 'layers/import-direction')
    .map((m) => m.message);
}

describe('the import rule', () => {
  it('fails the portal importing the scripts or the indexer', async () => {
    const errors = await directionErrors(
      'web/lib/virtual-fixture.ts',
      [
        "import { demoAccounts } from '../../scripts/lib/accounts.ts';",
        "import { indexerSettings } from '../../indexer/settings.ts';",
        'export const x = [demoAccounts, indexerSettings];',
      ].join('\n'),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^web\/ may not import scripts\/ \(\.\.\/\.\.\/scripts\/lib\/accounts\.ts\)/,
      ),
      expect.stringMatching(/^web\/ may not import indexer\/ /),
    ]);
  });

  it('fails protocol importing the portal, by path or by alias, statically or dynamically', async () => {
    const errors = await directionErrors(
      'protocol/virtual-fixture.ts',
      [
        "import { formatToken } from '../web/lib/format.ts';",
        "import { shortAddress } from '$lib/format';",
        "export const later = () => import('../scripts/lib/anvil.ts');",
        'export const x = [formatToken, shortAddress];',
      ].join('\n'),
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^protocol\/ may not import web\/ /);
    expect(errors[1]).toMatch(/^protocol\/ may not import web\/ \(\$lib\/format\)/);
    expect(errors[2]).toMatch(/^protocol\/ may not import scripts\/ /);
  });

  it('fails the indexer importing the scripts or the portal, and a re-export too', async () => {
    const errors = await directionErrors(
      'indexer/src/virtual-fixture.ts',
      [
        "import { localConfig } from '../../scripts/lib/deploy.ts';",
        "export { LISTING_STATUS } from '../../web/lib/format.ts';",
        'export const x = localConfig;',
      ].join('\n'),
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^indexer\/ may not import scripts\/ /);
    expect(errors[1]).toMatch(/^indexer\/ may not import web\/ /);
  });

  it('passes the imports that follow the data', async () => {
    const allowed: [string, string][] = [
      ['web/lib/virtual-fixture.ts', "import { LISTING_STATUSES } from '$protocol/enums';"],
      // From web/lib/components/charts, ../../indexer is web/lib/indexer: the portal's own folder.
      ['web/lib/components/charts/virtual-fixture.ts', "import { x } from '../../indexer/types';"],
      ['indexer/src/virtual-fixture.ts', "import { VERDICTS } from '../../protocol/enums.ts';"],
      ['protocol/virtual-fixture.ts', "import { CID } from 'multiformats/cid';"],
      ['scripts/virtual-fixture.ts', "import { formatToken } from '../web/lib/format.ts';"],
      ['scripts/virtual-fixture.ts', "import { indexerSettings } from '../indexer/settings.ts';"],
      ['test/virtual-fixture.ts', "import { seed } from '../scripts/seed/index.ts';"],
    ];
    for (const [file, line] of allowed) {
      const code = `${line}\nexport const used = ${/import \{ (\w+) \}/.exec(line)![1]};\n`;
      expect(await directionErrors(file, code), `${file}: ${line}`).toEqual([]);
    }
  });
});
