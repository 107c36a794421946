// The indexer's HTTP API (Ponder serves it beside /health, /ready, /status and /metrics):
//   /api/...    JSON for the portal (types: protocol/indexer/types.ts, client: protocol/indexer/client.ts)
//   /sql/*      SQL over HTTP for @ponder/client (read-only queries on the tables of ponder.schema.ts)
//   /graphql    GraphQL over the same tables
import { Hono, type Context } from 'hono';
import { client, graphql, replaceBigInts } from 'ponder';
import { db, publicClients } from 'ponder:api';
import schema from 'ponder:schema';
import type { IndexHead } from '../../../protocol/indexer/types.ts';
import { settings } from '../lib/context.ts';
import { audits } from './audits.ts';
import { accountHistory, allEvents, eventCounts, modelEvents, reputation } from './accounts.ts';
import {
  delegates,
  disputeById,
  disputes,
  disputeVotes,
  proposalById,
  proposals,
  proposalVotes,
  votesBy,
} from './governance.ts';
import { creditsOf, usageOf } from './metering.ts';
import { licenses, modelDetail, sales, searchModels, stakesOf } from './models.ts';
import { feeSeries, proposalSeries, stakeSeries } from './series.ts';
import { address, asOf, BadRequest, isReady, uint } from './util.ts';

const app = new Hono();

app.use('/sql/*', client({ db, schema }));
app.use('/graphql', graphql({ db, schema }));

const ok = (c: Context, body: unknown) =>
  c.json(replaceBigInts(body, (v) => String(v)) as object, 200, {
    'cache-control': 'no-store',
  });
const notFound = (c: Context, what: string) => c.json({ error: `${what} is not indexed` }, 404);

app.get('/api/head', async (c) => {
  const [at, ready, chainBlock] = await Promise.all([
    asOf(),
    isReady(),
    publicClients.curia
      .getBlockNumber({ cacheTime: 0 })
      .then(Number)
      .catch(() => null),
  ]);
  const head: IndexHead = {
    chainId: settings.chainId,
    block: at.block,
    timestamp: at.timestamp,
    chainBlock,
    lagBlocks: chainBlock !== null && at.block !== null ? Math.max(0, chainBlock - at.block) : null,
    ready,
  };
  return ok(c, head);
});

app.get('/api/events', async (c) => ok(c, await allEvents(c.req.query())));
app.get('/api/events/counts', async (c) => ok(c, await eventCounts()));

app.get('/api/models', async (c) => ok(c, await searchModels(c.req.query())));
app.get('/api/models/:id', async (c) => {
  const detail = await modelDetail(c.req.param('id'));
  return detail ? ok(c, detail) : notFound(c, `model #${c.req.param('id')}`);
});
app.get('/api/models/:id/events', async (c) =>
  ok(c, await modelEvents(c.req.param('id'), c.req.query())),
);
app.get('/api/models/:id/licenses', async (c) =>
  ok(c, await licenses(c.req.query(), { modelId: uint(c.req.param('id'), 'model id') })),
);
app.get('/api/models/:id/sales', async (c) =>
  ok(c, await sales(c.req.query(), { modelId: uint(c.req.param('id'), 'model id') })),
);
app.get('/api/models/:id/usage', async (c) =>
  ok(c, await usageOf(c.req.query(), uint(c.req.param('id'), 'model id'))),
);

app.get('/api/proposals', async (c) => ok(c, await proposals(c.req.query())));
app.get('/api/proposals/:id', async (c) => {
  const p = await proposalById(c.req.param('id'));
  return p ? ok(c, p) : notFound(c, `proposal ${c.req.param('id')}`);
});
app.get('/api/proposals/:id/votes', async (c) =>
  ok(c, await proposalVotes(c.req.param('id'), c.req.query())),
);

app.get('/api/disputes', async (c) => ok(c, await disputes(c.req.query())));
app.get('/api/disputes/:id', async (c) => {
  const d = await disputeById(c.req.param('id'));
  return d ? ok(c, d) : notFound(c, `dispute #${c.req.param('id')}`);
});
app.get('/api/disputes/:id/votes', async (c) =>
  ok(c, await disputeVotes(c.req.param('id'), c.req.query())),
);

app.get('/api/audits', async (c) => ok(c, await audits(c.req.query())));

app.get('/api/delegates', async (c) => ok(c, await delegates(c.req.query())));

const account = (c: Context) => address(c.req.param('address'), 'address');
app.get('/api/accounts/:address/history', async (c) =>
  ok(c, await accountHistory(account(c), c.req.query())),
);
app.get('/api/accounts/:address/reputation', async (c) => ok(c, await reputation(account(c))));
app.get('/api/accounts/:address/stakes', async (c) =>
  ok(c, await stakesOf(c.req.query(), account(c))),
);
app.get('/api/accounts/:address/licenses', async (c) =>
  ok(c, await licenses(c.req.query(), { licensee: account(c) })),
);
app.get('/api/accounts/:address/sales', async (c) =>
  ok(c, await sales(c.req.query(), { account: account(c) })),
);
app.get('/api/accounts/:address/credits', async (c) =>
  ok(c, await creditsOf(c.req.query(), account(c))),
);
app.get('/api/accounts/:address/votes', async (c) =>
  ok(c, await votesBy(account(c), c.req.query())),
);

app.get('/api/series/fees', async (c) => ok(c, await feeSeries(c.req.query())));
app.get('/api/series/stake', async (c) => ok(c, await stakeSeries(c.req.query())));
app.get('/api/series/proposals', async (c) => ok(c, await proposalSeries(c.req.query())));

app.onError((err, c) => {
  if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
  console.error(err);
  return c.json({ error: 'the indexer could not answer this query' }, 500);
});

export default app;
