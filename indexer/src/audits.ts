// AuditRegistry: accredited auditors and their bonds, reports bound to versions, amendments, slashes.
import type { Context } from 'ponder:registry';
import { auditReport, auditor, model } from 'ponder:schema';
import type { Address } from 'viem';
import { VERDICTS } from '../../protocol/enums.ts';
import { on } from './lib/on.ts';

async function auditorRow(context: Context, account: Address, timestamp: bigint) {
  return (
    (await context.db.find(auditor, { id: account })) ??
    (await context.db.insert(auditor).values({
      id: account,
      accredited: false,
      bond: 0n,
      unbondingAt: 0n,
      reportCount: 0,
      slashCount: 0,
      slashedAmount: 0n,
      updatedAt: timestamp,
    }))
  );
}

on('AuditRegistry:AuditorAccredited', async ({ event, context }) => {
  const t = event.block.timestamp;
  await auditorRow(context, event.args.auditor, t);
  await context.db
    .update(auditor, { id: event.args.auditor })
    .set({ accredited: true, unbondingAt: 0n, accreditedAt: t, updatedAt: t });
});

on('AuditRegistry:AuditorRevoked', async ({ event, context }) => {
  await context.db
    .update(auditor, { id: event.args.auditor })
    .set({ accredited: false, updatedAt: event.block.timestamp });
});

on('AuditRegistry:AuditorBonded', async ({ event, context }) => {
  await context.db
    .update(auditor, { id: event.args.auditor })
    .set({ bond: event.args.bond, updatedAt: event.block.timestamp });
});

on('AuditRegistry:AuditorUnbonding', async ({ event, context }) => {
  await context.db
    .update(auditor, { id: event.args.auditor })
    .set({ unbondingAt: event.args.unbondingAt, updatedAt: event.block.timestamp });
});

on('AuditRegistry:AuditorBondWithdrawn', async ({ event, context }) => {
  await context.db
    .update(auditor, { id: event.args.auditor })
    .set({ bond: 0n, unbondingAt: 0n, updatedAt: event.block.timestamp });
});

on('AuditRegistry:AuditSubmitted', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(auditReport).values({
    id: a.reportId,
    modelId: a.modelId,
    version: a.version,
    auditor: a.auditor,
    verdict: VERDICTS[a.verdict] ?? String(a.verdict),
    quality: a.scores[0],
    safety: a.scores[1],
    bias: a.scores[2],
    licenseScore: a.scores[3],
    contentHash: a.contentHash,
    reportUri: a.reportURI,
    reportHash: a.reportHash,
    replaces: a.replaces === 0n ? null : a.replaces,
    slashed: false,
    submittedAt: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  if (a.replaces !== 0n) {
    await context.db.update(auditReport, { id: a.replaces }).set({ replacedBy: a.reportId });
  }
  await context.db
    .update(auditor, { id: a.auditor })
    .set((r) => ({ reportCount: r.reportCount + 1, updatedAt: event.block.timestamp }));
  await context.db
    .update(model, { id: a.modelId })
    .set((m) => ({ reportCount: m.reportCount + 1 }));
});

on('AuditRegistry:AuditorSlashed', async ({ event, context }) => {
  const { auditor: account, reportId, amount } = event.args;
  await context.db
    .update(auditReport, { id: reportId })
    .set({ slashed: true, slashAmount: amount });
  await context.db.update(auditor, { id: account }).set((r) => ({
    bond: r.bond - amount,
    slashCount: r.slashCount + 1,
    slashedAmount: r.slashedAmount + amount,
    updatedAt: event.block.timestamp,
  }));
});
