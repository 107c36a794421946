// One way to read: query-option factories, one file per domain, whose keys all come from ./keys
// (chain id, contract, function, arguments). Spread one into createQuery and add what is the
// page's own (placeholderData, refetchInterval):
//
//   const model = createQuery(() => ({ ...modelQuery(curia, data.id) }));
export * from './keys';
export * from './audits';
export * from './curation';
export * from './governance';
export * from './indexed';
export * from './market';
export * from './registry';
export * from './services';
export * from './token';
