// The demo world's off-chain content: real (small, deterministic) files for every version, the
// model and dataset cards that describe them, and evidence documents. Every document is stored
// through the portal's document store (web/lib/server/ipfs/store.ts: <docsDir>/<cid>, the folder the
// portal serves /ipfs/<cid> from and the indexer reads cards from), where <cid> is a CIDv1 (raw
// codec, sha2-256) whose digest is the sha-256 of the document's bytes; the registry stores
// `ipfs://<cid>` as the metadata URI and the sha-256 of the weights (or data) file as the
// version's content hash.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import type { Hex } from 'viem';
import { folderStore } from '../../web/lib/server/ipfs/store.ts';
import { CATALOG, lineageOf, registryId, type EntrySpec } from './catalog.ts';

export interface StoredDoc {
  cid: string;
  uri: string;
  /** sha-256 of the bytes, as a bytes32. */
  sha256: Hex;
  file: string;
}

export interface FileInfo {
  name: string;
  size: number;
  sha256: string;
}

export interface VersionContent {
  version: number;
  /** sha-256 of the version's main file (weights or data). */
  contentHash: Hex;
  metadataURI: string;
  /** Registry ids of the upstream entries. */
  derivedFrom: bigint[];
  files: FileInfo[];
  card: StoredDoc;
}

export function sha256Hex(bytes: Uint8Array | string): Hex {
  return `0x${createHash('sha256').update(bytes).digest('hex')}`;
}

/** CIDv1, raw codec, sha2-256 multihash: the digest is the sha-256 of `bytes`. */
export async function cidOf(bytes: Uint8Array): Promise<string> {
  return CID.create(1, raw.code, await sha256.digest(bytes)).toString();
}

/** The document folder of a data folder when CURIA_DOCS_DIR does not say otherwise. */
export function defaultDocsDir(dataDir: string): string {
  return path.join(dataDir, 'docs');
}

/**
 * Stores a document through the portal's folder store: <docsDir>/<cid> (content-addressed, so
 * idempotent), exactly as an upload to the portal is stored.
 */
export async function storeDoc(docsDir: string, bytes: Uint8Array): Promise<StoredDoc> {
  const cid = (await folderStore(docsDir).put(bytes)).toString();
  return { cid, uri: `ipfs://${cid}`, sha256: sha256Hex(bytes), file: path.join(docsDir, cid) };
}

export function storeMarkdown(docsDir: string, text: string): Promise<StoredDoc> {
  return storeDoc(docsDir, new TextEncoder().encode(text));
}

// ---------------------------------------------------------------- deterministic pseudo-data

/** A small deterministic PRNG (sfc32) seeded from the sha-256 of `seed`. */
export function prng(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Tensor shapes of the pseudo-weights, by task: a handful of small tensors named like the real ones. */
function tensorShapes(spec: EntrySpec): [string, number[]][] {
  const d = 32;
  switch (spec.pipelineTag) {
    case 'text-generation':
    case 'summarization':
    case 'translation':
      return [
        ['model.embed_tokens.weight', [128, d]],
        ['model.layers.0.self_attn.q_proj.weight', [d, d]],
        ['model.layers.0.self_attn.k_proj.weight', [d / 4, d]],
        ['model.layers.0.self_attn.v_proj.weight', [d / 4, d]],
        ['model.layers.0.mlp.up_proj.weight', [d * 2, d]],
        ['model.norm.weight', [d]],
      ];
    case 'automatic-speech-recognition':
    case 'text-to-speech':
    case 'audio-classification':
      return [
        ['encoder.conv1.weight', [d, 80, 3]],
        ['encoder.layers.0.self_attn.q_proj.weight', [d, d]],
        ['decoder.embed_tokens.weight', [96, d]],
        ['decoder.layers.0.fc1.weight', [d * 2, d]],
      ];
    case 'time-series-forecasting':
      return [
        ['encoder.lstm.weight_ih_l0', [4 * d, 24]],
        ['encoder.lstm.weight_hh_l0', [4 * d, d]],
        ['head.weight', [24, d]],
      ];
    default:
      return [
        ['embeddings.patch_embeddings.projection.weight', [d, 3, 4, 4]],
        ['encoder.layer.0.attention.query.weight', [d, d]],
        ['encoder.layer.0.intermediate.dense.weight', [d * 2, d]],
        ['classifier.weight', [19, d]],
      ];
  }
}

/** A valid safetensors file (F32 tensors) filled with seeded Gaussian noise. */
export function pseudoWeights(spec: EntrySpec, version: number): Buffer {
  const rand = prng(`${spec.key}@v${version}`);
  const header: Record<string, unknown> = {
    __metadata__: {
      format: 'pt',
      curia_demo: 'synthetic pseudo-weights generated by the Curia demo seed; not a trained model',
    },
  };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, shape] of tensorShapes(spec)) {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) {
      // Box-Muller: N(0, 0.02), the usual initialisation scale.
      const u = Math.max(rand(), 1e-12);
      const v = rand();
      data.writeFloatLE(0.02 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v), i * 4);
    }
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.length] };
    offset += data.length;
    chunks.push(data);
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([size, Buffer.from(json), ...chunks]);
}

/** An XGBoost-style JSON model: a few seeded regression trees. */
function pseudoTrees(spec: EntrySpec, version: number): Buffer {
  const rand = prng(`${spec.key}@v${version}`);
  const trees = Array.from({ length: 24 }, (_, t) => ({
    id: t,
    split_indices: Array.from({ length: 7 }, () => Math.floor(rand() * 30)),
    split_conditions: Array.from({ length: 7 }, () => Number((rand() * 4 - 2).toFixed(4))),
    base_weights: Array.from({ length: 15 }, () => Number((rand() * 0.2 - 0.1).toFixed(5))),
  }));
  const model = {
    learner: {
      attributes: { curia_demo: 'synthetic trees generated by the Curia demo seed' },
      gradient_booster: { name: 'gbtree', model: { trees } },
      objective: { name: 'binary:logistic' },
    },
    version: [2, 1, 0],
  };
  return Buffer.from(JSON.stringify(model, null, 1));
}

const SAMPLE_TEXT: Record<string, string[]> = {
  'curia-commons/webtext-en-clean': [
    'The council approved the new cycling lanes after a two-hour debate on parking.',
    'To repot a fiddle-leaf fig, choose a pot only 5 cm wider than the root ball.',
    'The museum reopens on Saturday with an exhibition of 19th-century maps.',
    'Researchers measured the glacier retreat with drone photogrammetry over six summers.',
  ],
  'curia-commons/instruct-mix-50k': [
    'Rewrite this sentence in a formal tone: "we can’t make it friday, sorry".',
    'Summarise the following paragraph in one sentence for a newsletter.',
    'Explique la différence entre un bail commercial et un bail d’habitation.',
    'List three questions to ask before adopting a dog.',
  ],
  'open-speech/parliament-speech-en-fr': [
    'Mr. Speaker, the committee has reviewed the amendments line by line.',
    'Madame la Présidente, je remercie la députée pour sa question.',
    'The honourable member will know that the budget was tabled last week.',
    'Nous proposons de renvoyer le projet de loi en commission.',
  ],
  'open-vision/street-scenes-10k': [
    'car',
    'pedestrian',
    'cyclist',
    'traffic_light',
    'traffic_sign',
    'bus',
    'truck',
  ],
  'curia-commons/code-permissive-py': [
    'def slugify(text: str) -> str:\n    return "-".join(text.lower().split())',
    'class LRUCache:\n    def __init__(self, size: int):\n        self.size = size',
    'async def fetch_all(urls):\n    return await asyncio.gather(*(fetch(u) for u in urls))',
  ],
};

/** JSON Lines with a `split` field: seeded samples in the shape of the data set. */
function pseudoData(spec: EntrySpec, version: number): Buffer {
  const rand = prng(`${spec.key}@v${version}`);
  const samples = SAMPLE_TEXT[spec.key] ?? ['sample'];
  const pick = () => samples[Math.floor(rand() * samples.length)];
  const rows = spec.versions[version - 1].rows ?? { train: 50 };
  const lines: string[] = [];
  let id = 0;
  for (const [split, count] of Object.entries(rows)) {
    for (let i = 0; i < count; i++, id++) {
      let row: Record<string, unknown>;
      if (spec.pipelineTag === 'automatic-speech-recognition') {
        row = {
          audio: `audio/${split}/${id.toString().padStart(6, '0')}.flac`,
          duration_s: Number((5 + rand() * 15).toFixed(2)),
          text: pick(),
        };
      } else if (spec.pipelineTag === 'object-detection') {
        row = {
          image: `images/${split}/${id.toString().padStart(6, '0')}.jpg`,
          objects: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
            label: pick(),
            bbox: [0, 0, 0, 0].map(() => Math.round(rand() * 1024)),
          })),
        };
      } else if (spec.key.includes('instruct')) {
        row = {
          instruction: pick(),
          response: `(${Math.round(40 + rand() * 200)}-word reviewed answer)`,
        };
      } else {
        row = { text: pick(), url_domain: `site${Math.floor(rand() * 900 + 100)}.example` };
      }
      lines.push(JSON.stringify({ id, split, ...row }));
    }
  }
  return Buffer.from(lines.join('\n') + '\n');
}

function modelConfig(spec: EntrySpec): Buffer {
  const shapes = tensorShapes(spec);
  return Buffer.from(
    JSON.stringify(
      {
        architectures: [spec.title.replace(/[^A-Za-z0-9]/g, '') + 'Model'],
        pipeline_tag: spec.pipelineTag,
        hidden_size: 32,
        tensors: shapes.map(([name]) => name),
        reported_parameters: spec.parameters,
        curia_demo: 'configuration of the synthetic demo weights',
      },
      null,
      2,
    ) + '\n',
  );
}

const ORGS: Record<string, string> = {
  'curia-commons': 'Curia Commons',
  lumen: 'Lumen Labs',
  'open-speech': 'Open Speech Collective',
  'open-vision': 'Open Vision Collective',
};

function writeFile(
  dataDir: string,
  spec: EntrySpec,
  version: number,
  name: string,
  bytes: Buffer,
): FileInfo {
  const file = path.join(dataDir, 'files', spec.key, `v${version}`, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The card of one version, in the Hugging Face card convention (JSON). */
export function buildCard(
  spec: EntrySpec,
  version: number,
  files: FileInfo[],
): Record<string, unknown> {
  const v = spec.versions[version - 1];
  const org = spec.key.split('/')[0];
  const lineage = lineageOf(spec, version);
  const baseModels = lineage.filter((k) => CATALOG[registryId(k) - 1].kind === 'model');
  const datasets = lineage.filter((k) => CATALOG[registryId(k) - 1].kind === 'dataset');
  const card: Record<string, unknown> = {
    card_format: 'curia/card@1 (Hugging Face model card convention, JSON)',
    name: spec.key,
    title: spec.title,
    description: spec.summary,
    kind: spec.kind,
    version,
    revision: `v${version}`,
    release_notes: v.notes,
    authors: [ORGS[org] ?? org],
    license: spec.license,
  };
  if (spec.kind === 'model') {
    Object.assign(card, {
      library_name: spec.libraryName,
      pipeline_tag: spec.pipelineTag,
      language: spec.language,
      tags: spec.tags,
      parameters: spec.parameters,
      base_model: baseModels,
      ...(baseModels.length > 0 && spec.baseRelation
        ? { base_model_relation: spec.baseRelation }
        : {}),
      datasets,
    });
  } else {
    const rows = v.rows ?? {};
    Object.assign(card, {
      task_categories: [spec.pipelineTag],
      language: spec.language,
      tags: spec.tags,
      source: spec.data?.source,
      collection_process: spec.data?.collection,
      personal_and_sensitive_information: spec.data?.personalInformation,
      splits: Object.fromEntries(
        Object.entries(rows).map(([split, n]) => [split, { num_examples: n }]),
      ),
      size_categories: ['n<1K'],
    });
  }
  card.lineage = lineage.map((key) => ({
    registry_id: registryId(key),
    name: key,
    relation:
      CATALOG[registryId(key) - 1].kind === 'dataset'
        ? 'training_data'
        : (spec.baseRelation ?? 'base_model'),
  }));
  if (v.metrics.length > 0) {
    card['model-index'] = [
      {
        name: spec.key,
        results: v.metrics.map((metric) => ({
          task: { type: spec.pipelineTag },
          dataset: { name: metric.dataset, type: metric.dataset, split: metric.split },
          metrics: [
            {
              type: metric.type,
              name: metric.name,
              value: metric.value,
              verified: metric.verified ?? false,
            },
          ],
          source: { name: metric.verified ? 'third-party evaluation' : 'self-reported' },
        })),
      },
    ];
  }
  Object.assign(card, {
    intended_uses: spec.intendedUses,
    out_of_scope_uses: spec.outOfScope,
    bias_risks_limitations: spec.risks,
    recommendations: spec.recommendations,
  });
  if (spec.training) card.training = spec.training;
  if (spec.hardware) {
    card.environmental_impact = {
      hardware_type: spec.hardware.type,
      hours_used: spec.hardware.hours,
      co2_emitted_kg: spec.hardware.co2Kg,
    };
  }
  card.files = files;
  card.content_hash = { algorithm: 'sha-256', file: files[0].name, digest: files[0].sha256 };
  card.citation =
    `@misc{${spec.key.replace(/[^a-z0-9]/gi, '_')}_v${version},\n` +
    `  title = {${spec.title}},\n  author = {${ORGS[org] ?? org}},\n  note = {Curia registry entry ${registryId(spec.key)}, version ${version}}\n}`;
  card.notice =
    'Demo entry of a local Curia chain: the files are small synthetic stand-ins (seeded noise), and the evaluation numbers are illustrative.';
  return card;
}

/** Writes the files and the card of one version and returns what the registry needs. */
export async function versionContent(
  dataDir: string,
  spec: EntrySpec,
  version: number,
  docsDir = defaultDocsDir(dataDir),
): Promise<VersionContent> {
  const files: FileInfo[] = [];
  if (spec.kind === 'dataset') {
    files.push(writeFile(dataDir, spec, version, 'data.jsonl', pseudoData(spec, version)));
  } else if (spec.libraryName === 'xgboost') {
    files.push(writeFile(dataDir, spec, version, 'model.json', pseudoTrees(spec, version)));
  } else {
    files.push(
      writeFile(dataDir, spec, version, 'model.safetensors', pseudoWeights(spec, version)),
    );
    files.push(writeFile(dataDir, spec, version, 'config.json', modelConfig(spec)));
  }
  const card = buildCard(spec, version, files);
  const doc = await storeDoc(
    docsDir,
    new TextEncoder().encode(JSON.stringify(card, null, 2) + '\n'),
  );
  return {
    version,
    contentHash: `0x${files[0].sha256}`,
    metadataURI: doc.uri,
    derivedFrom: lineageOf(spec, version).map((k) => BigInt(registryId(k))),
    files,
    card: doc,
  };
}
