// A proposal's title, from its description: one rule for the index (which stores it) and the
// portal (which reads descriptions the index has not seen: a new proposal, a notification).

/** The first heading or line of a description, without markdown heading marks. */
export function proposalTitle(description: string): string {
  const line = description
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return (line ?? 'Untitled proposal').replace(/^#+\s*/, '').slice(0, 140) || 'Untitled proposal';
}
