// The bench worlds' building blocks, shared by `npm run bench:indexer` (scripts/bench/indexer.ts)
// and the portal bench (scripts/bench/portal.ts): transactions sent in JSON-RPC batches from
// anvil's unlocked accounts with mining paused and mined in full blocks, and model cards written
// to the data folder (content-addressed, like the seed does).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import { cidOfBytes } from '../../protocol/cid.ts';

const BATCH = 1_000;
const TX_GAS = 600_000n;
/** Transactions per mined block. */
export const PER_BLOCK = 250;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- JSON-RPC in batches

export interface Tx {
  from: Address;
  to: Address;
  data: Hex;
  value?: bigint;
}

/** JSON-RPC to anvil in batches of 1,000 calls, and transactions sent and mined in full blocks. */
export function batchRpc(rpcUrl: string, log: (line: string) => void = console.log) {
  let rpcId = 0;

  async function batch(calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let i = 0; i < calls.length; i += BATCH) {
      const body = calls.slice(i, i + BATCH).map((c) => ({ jsonrpc: '2.0', id: ++rpcId, ...c }));
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answers = (await res.json()) as {
        id: number;
        result?: unknown;
        error?: { message: string };
      }[];
      answers.sort((a, b) => a.id - b.id);
      for (const a of answers) {
        if (a.error) throw new Error(`anvil refused a call: ${a.error.message}`);
        out.push(a.result);
      }
    }
    return out;
  }

  const call = async (method: string, params: unknown[] = []) =>
    (await batch([{ method, params }]))[0];

  /**
   * Sends transactions with mining paused, then mines until the pool is empty (full blocks), and
   * checks that every one succeeded. Returns the number of blocks mined.
   */
  async function sendAll(label: string, txs: Tx[]): Promise<number> {
    const started = Date.now();
    // anvil numbers an unlocked account's transactions from its mined nonce: number them here.
    const senders = [...new Set(txs.map((tx) => tx.from))];
    const counts = (await batch(
      senders.map((a) => ({ method: 'eth_getTransactionCount', params: [a, 'latest'] })),
    )) as Hex[];
    const nonces = new Map(senders.map((a, i) => [a, Number(counts[i])]));
    const requests = txs.map((tx) => {
      const nonce = nonces.get(tx.from)!;
      nonces.set(tx.from, nonce + 1);
      return {
        method: 'eth_sendTransaction',
        params: [
          {
            from: tx.from,
            to: tx.to,
            data: tx.data,
            nonce: `0x${nonce.toString(16)}`,
            gas: `0x${TX_GAS.toString(16)}`,
            value: `0x${(tx.value ?? 0n).toString(16)}`,
          },
        ],
      };
    });
    // Blocks of PER_BLOCK transactions, like a busy chain's.
    const hashes: Hex[] = [];
    let blocks = 0;
    for (let i = 0; i < requests.length; i += PER_BLOCK) {
      hashes.push(...((await batch(requests.slice(i, i + PER_BLOCK))) as Hex[]));
      await call('evm_mine');
      blocks++;
    }
    for (;;) {
      const status = (await call('txpool_status')) as { pending: string; queued: string };
      if (Number(status.pending) + Number(status.queued) === 0) break;
      await call('evm_mine');
      blocks++;
    }
    const receipts = (await batch(
      hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
    )) as ({ status: Hex } | null)[];
    const failed = receipts.filter((r) => r?.status !== '0x1').length;
    if (failed > 0) throw new Error(`${label}: ${failed} of ${txs.length} transactions failed`);
    log(
      `  ${label}: ${txs.length.toLocaleString('en')} transactions in ${blocks} blocks, ${seconds(Date.now() - started)}`,
    );
    return blocks;
  }

  return { batch, call, sendAll };
}

// ---------------------------------------------------------------- model cards

const FAMILIES = [
  'Aurora',
  'Nimbus',
  'Cirrus',
  'Basalt',
  'Quartz',
  'Meridian',
  'Zephyr',
  'Halcyon',
  'Lumen',
  'Orca',
  'Sable',
  'Tidal',
  'Vesper',
  'Willow',
  'Ember',
  'Fjord',
];
const TASKS: [string, string, string[]][] = [
  ['text-generation', 'a decoder-only language model', ['llm', 'chat', 'causal-lm']],
  ['automatic-speech-recognition', 'a speech recogniser', ['asr', 'speech', 'audio']],
  ['translation', 'a translation model', ['translation', 'multilingual', 'seq2seq']],
  ['image-classification', 'an image classifier', ['vision', 'classification', 'vit']],
  ['object-detection', 'an object detector', ['vision', 'detection', 'street']],
  ['sentence-similarity', 'a sentence-embedding model', ['embeddings', 'retrieval', 'search']],
  ['summarization', 'an abstractive summariser', ['summarization', 'news', 'seq2seq']],
  ['text-to-speech', 'a speech synthesiser', ['tts', 'speech', 'voice']],
];
const DOMAINS = [
  'medical',
  'legal',
  'finance',
  'code',
  'science',
  'education',
  'agriculture',
  'climate',
  'retail',
  'sports',
];
const LANGS = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'ja', 'sw'];
const LICENSES = ['apache-2.0', 'mit', 'cc-by-4.0', 'openrail', 'llama3'];

export async function writeCard(docsDir: string, i: number): Promise<{ uri: string; hash: Hex }> {
  const family = FAMILIES[i % FAMILIES.length];
  const [pipeline, what, tags] = TASKS[(i >> 4) % TASKS.length];
  const domain = DOMAINS[(i * 7) % DOMAINS.length];
  const size = [125, 350, 1_300, 7_000][i % 4];
  const card = {
    card_format: 'curia/card@1 (Hugging Face model card convention, JSON)',
    name: `bench/${family.toLowerCase()}-${i}`,
    title: `${family}-${size >= 1000 ? `${size / 1000}B` : `${size}M`} ${domain} #${i}`,
    description: `${family} ${i} is ${what} tuned for ${domain} data (${size}M parameters).`,
    tags: [...tags, domain],
    license: LICENSES[i % LICENSES.length],
    pipeline_tag: pipeline,
    language: [LANGS[i % LANGS.length], LANGS[(i + 3) % LANGS.length]],
  };
  const bytes = new TextEncoder().encode(JSON.stringify(card, null, 2) + '\n');
  const cid = (await cidOfBytes(bytes)).toString();
  fs.writeFileSync(path.join(docsDir, `${cid}.json`), bytes);
  return {
    uri: `ipfs://${cid}`,
    hash: `0x${createHash('sha256').update(`weights-${i}`).digest('hex')}`,
  };
}
