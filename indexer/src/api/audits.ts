// Audit reports across entries: newest first, by auditor, verdict or entry.
import { and, desc, eq, inArray, sql } from 'ponder';
import { db } from 'ponder:api';
import { auditReport, model } from 'ponder:schema';
import { AUDIT_VERDICTS, type AuditRow, type Page } from '../../../protocol/indexer/types.ts';
import { toReport } from './models.ts';
import { address, asOf, list, pageOf, paging, totalCount, uint } from './util.ts';

type Query = Record<string, string | undefined>;

export async function audits(query: Query): Promise<Page<AuditRow>> {
  const { limit, offset } = paging(query);
  const verdicts = list(query.verdict, 'verdict', AUDIT_VERDICTS);
  const where = and(
    query.auditor ? eq(auditReport.auditor, address(query.auditor, 'auditor')) : undefined,
    verdicts ? inArray(auditReport.verdict, verdicts) : undefined,
    query.model ? eq(auditReport.modelId, uint(query.model, 'model')) : undefined,
  );
  const at = await asOf();
  const rows = await db
    .select({
      r: auditReport,
      title: sql<string | null>`coalesce(${model.title}, ${model.name})`.as('title'),
      total: totalCount,
    })
    .from(auditReport)
    .leftJoin(model, eq(model.id, auditReport.modelId))
    .where(where)
    .orderBy(desc(auditReport.submittedAt), desc(auditReport.id))
    .limit(limit)
    .offset(offset);
  return pageOf(
    rows,
    (row) => ({ ...toReport(row.r), modelTitle: row.title }),
    { limit, offset },
    at,
  );
}
