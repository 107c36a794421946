// The composer's guess of the parameter a temperature check's title names.
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../protocol/enums.ts';
import { guessParameter, proposalBody } from '../../web/lib/proposals';

const index = (name: string) => PARAMETERS.findIndex((p) => p.name === name);

describe('guessParameter', () => {
  it('reads the parameter and a CUR amount from a title', () => {
    expect(guessParameter('Lower the listing bond to 2,500 CUR?')).toEqual({
      index: index('Listing bond'),
      value: '2500',
    });
    expect(guessParameter('Raise the CHALLENGE DEPOSIT to 1500.5 cur')).toEqual({
      index: index('Challenge deposit'),
      value: '1500.5',
    });
  });

  it('names the parameter without a value when the amount is not in CUR', () => {
    expect(guessParameter('Shorten the challenge period to 2 days')).toEqual({
      index: index('Challenge period'),
    });
    expect(guessParameter('Set the curator slash to 20%')).toEqual({
      index: index('Curator slash'),
    });
  });

  it('prefers the longest name mentioned, and gives nothing when none is', () => {
    expect(guessParameter('The keep share for the creator should be 10%')).toEqual({
      index: index('Keep share for the creator'),
    });
    expect(guessParameter('Fund the grants program')).toBeUndefined();
  });
});

describe('proposalBody', () => {
  const proposer = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
  it('drops the first line when it is the title, and the #proposer= suffix', () => {
    const appeal = `# Appeal: restore model #17\n\nThe license allows fine-tunes.\n\n#proposer=${proposer}`;
    expect(proposalBody(appeal, 'Appeal: restore model #17')).toBe(
      'The license allows fine-tunes.',
    );
  });
  it('keeps a first line that is not the title, and a description without suffix', () => {
    expect(proposalBody('Context first.\nMore.', 'Other title')).toBe('Context first.\nMore.');
    expect(proposalBody(`Fund X.\n#proposer=${proposer}`, 'Other')).toBe('Fund X.');
  });
});
