// The demo world's registry: datasets and models with their versions, lineage and model-card
// content (Hugging Face card convention), and the fate each one meets in the seeded history.
// Entries are registered in this order, so their registry ids are their position + 1: lineage can
// only name entries listed above.

/** What happens to an entry in the seeded history (see scripts/seed/world.ts). */
export type Fate =
  | 'listed' // applied at the start, listed after the challenge period
  | 'pending' // registered and applied near the end: still in its challenge period
  | 'draft' // registered, never applied for listing
  | 'withdrawn' // listed, then withdrawn by its owner
  | 'kept' // challenged, the vote kept it (dispute Kept)
  | 'delisted' // challenged, removed, not appealed: delisted for good and slashed
  | 'restored' // challenged, removed, appealed, the DAO restored it (appeal executed)
  | 'appealed' // challenged, removed, appealed: the appeal's Governor proposal is being voted on
  | 'removed' // challenged and removed: inside its appeal window
  | 'voting' // challenged: its dispute vote is open
  | 'suspended'; // suspended by the guardian

export interface Metric {
  /** Hugging Face metric type, e.g. `accuracy`, `wer`. */
  type: string;
  name: string;
  value: number;
  /** Evaluation data set (name on the Hub or a registry entry's key) and split. */
  dataset: string;
  split: string;
  verified?: boolean;
}

export interface VersionSpec {
  /** What changed in this version (first version: the release note). */
  notes: string;
  metrics: Metric[];
  /** Overrides the entry's lineage for this version (keys of earlier entries). */
  baseModels?: string[];
  datasets?: string[];
  /** Dataset versions: rows per split. */
  rows?: Record<string, number>;
}

export interface EntrySpec {
  key: string;
  kind: 'model' | 'dataset';
  /** Demo account index of the creator. */
  owner: number;
  title: string;
  summary: string;
  pipelineTag: string;
  libraryName?: string;
  language: string[];
  tags: string[];
  license: string;
  /** Upstream registry entries (keys): base models and training data sets. */
  baseModels?: string[];
  baseRelation?: 'finetune' | 'quantized' | 'merge' | 'adapter' | 'distillation';
  datasets?: string[];
  parameters?: string;
  intendedUses: string[];
  outOfScope: string[];
  risks: string[];
  recommendations: string;
  training?: { procedure: string; hyperparameters: Record<string, string | number> };
  /** Dataset cards: where the data comes from, how it was collected, personal information in it. */
  data?: { source: string; collection: string; personalInformation: string };
  hardware?: { type: string; hours: number; co2Kg: number };
  versions: VersionSpec[];
  fate: Fate;
}

const m = (
  type: string,
  name: string,
  value: number,
  dataset: string,
  split = 'test',
  verified = false,
): Metric => ({ type, name, value, dataset, split, verified });

const LM_RISKS = [
  'Generates fluent text that can be factually wrong; it has no access to sources and may invent citations.',
  'Reflects the biases of web text: stereotypes about gender, nationality and religion appear in open-ended generations.',
  'Not aligned against misuse beyond the instruction data; it can be prompted to produce harmful content.',
];
const ASR_RISKS = [
  'Word error rate is 2-3x higher on accented and non-native speech than on the parliamentary test set.',
  'Transcribes every speaker it hears: recordings of people who did not consent are a privacy risk.',
];
const VISION_RISKS = [
  'Street imagery comes from 14 European cities: accuracy drops on other regions, night scenes and heavy rain.',
  'Detections of people must not be used to identify or track individuals.',
];

export const CATALOG: EntrySpec[] = [
  // ------------------------------------------------------------------ datasets
  {
    key: 'curia-commons/webtext-en-clean',
    kind: 'dataset',
    owner: 0,
    title: 'WebText-EN Clean',
    summary:
      'English web text deduplicated at the document and paragraph level, with boilerplate, adult content and personal data filtered out.',
    pipelineTag: 'text-generation',
    language: ['en'],
    tags: ['pretraining', 'web', 'deduplicated'],
    license: 'odc-by',
    data: {
      source: 'CommonCrawl snapshots 2019-2024, English pages by fastText language id (p > 0.9).',
      collection:
        'Heuristic and perplexity filtering, MinHash deduplication (5-grams, 0.8 Jaccard), PII regex and NER filter.',
      personalInformation:
        'E-mail addresses, phone numbers and IP addresses are masked; names of public figures remain.',
    },
    intendedUses: ['Pre-training and continued pre-training of English language models.'],
    outOfScope: [
      'Extracting personal information; the filter is imperfect and removals are honoured.',
    ],
    risks: [
      'Web text over-represents North American and European viewpoints and under-represents other dialects of English.',
      'Quality filtering by a reference-model perplexity favours formal registers.',
    ],
    recommendations: 'Mix with curated sources and report the mixture used.',
    versions: [
      {
        notes: 'First release: 41 CommonCrawl snapshots, MinHash deduplication.',
        metrics: [],
        rows: { train: 96, validation: 8 },
      },
      {
        notes: 'Removes 3.1% of documents flagged by the PII filter v2 and 210 takedown requests.',
        metrics: [],
        rows: { train: 120, validation: 10 },
      },
    ],
    fate: 'listed',
  },
  {
    key: 'curia-commons/instruct-mix-50k',
    kind: 'dataset',
    owner: 0,
    title: 'Instruct-Mix 50k',
    summary:
      '50,000 instruction-response pairs written and reviewed by paid annotators: open QA, summarisation, rewriting, extraction and refusals.',
    pipelineTag: 'text-generation',
    language: ['en', 'fr'],
    tags: ['instruction-tuning', 'sft', 'human-written'],
    license: 'cc-by-4.0',
    data: {
      source:
        'Written by 120 paid annotators from prompts they wrote themselves; 15% rewritten from public-domain books.',
      collection:
        'Two-pass review: a second annotator checked every response for accuracy and tone.',
      personalInformation:
        'Annotators were told not to include personal data; a reviewer removed 312 items that did.',
    },
    intendedUses: ['Supervised fine-tuning of chat and instruction-following models.'],
    outOfScope: ['Evaluation: parts overlap with public benchmarks in style, not content.'],
    risks: ['Annotators were based in three countries; cultural defaults follow theirs.'],
    recommendations:
      'Combine with preference data for alignment; this set alone does not teach refusal calibration.',
    versions: [{ notes: 'First release.', metrics: [], rows: { train: 80, test: 20 } }],
    fate: 'listed',
  },
  {
    key: 'open-speech/parliament-speech-en-fr',
    kind: 'dataset',
    owner: 2,
    title: 'Parliament Speech EN/FR',
    summary:
      '1,850 hours of transcribed parliamentary debates in English and French, segmented into 5-20 s utterances with speaker turns.',
    pipelineTag: 'automatic-speech-recognition',
    language: ['en', 'fr'],
    tags: ['speech', 'asr', 'public-domain-recordings'],
    license: 'cc-by-4.0',
    data: {
      source: 'Public recordings and official transcripts of parliamentary sessions (2009-2023).',
      collection:
        'Forced alignment of official transcripts to audio; utterances with alignment confidence < 0.9 dropped.',
      personalInformation:
        'Speakers are elected officials speaking in public session; visitors and staff audio removed.',
    },
    intendedUses: ['Training and evaluating speech recognition and speaker diarisation.'],
    outOfScope: ['Speaker identification of private individuals.'],
    risks: [
      'Formal political register; few spontaneous conversations, children or elderly speakers.',
    ],
    recommendations: 'Evaluate on conversational speech before deploying a model trained on it.',
    versions: [
      { notes: 'First release.', metrics: [], rows: { train: 90, validation: 10, test: 12 } },
    ],
    fate: 'listed',
  },
  {
    key: 'open-vision/street-scenes-10k',
    kind: 'dataset',
    owner: 2,
    title: 'Street Scenes 10k',
    summary:
      '10,000 dash-cam frames from 14 European cities with boxes and masks for 19 classes (road users, signs, lights); faces and plates blurred.',
    pipelineTag: 'object-detection',
    language: [],
    tags: ['autonomous-driving', 'detection', 'segmentation'],
    license: 'cc-by-sa-4.0',
    data: {
      source:
        'Dash-cam drives by the collective’s volunteers in 14 cities, with municipal permission.',
      collection:
        'Frames sampled every 10 s, annotated by two annotators, disagreements resolved by a third.',
      personalInformation: 'Faces and licence plates blurred by a detector and checked by hand.',
    },
    intendedUses: ['Training and benchmarking detection and segmentation of road scenes.'],
    outOfScope: ['Re-identifying people or vehicles; the blurring must not be reversed.'],
    risks: ['Daylight and dry weather dominate (81% of frames).'],
    recommendations: 'Report per-condition results (night, rain) separately.',
    versions: [
      { notes: 'First release.', metrics: [], rows: { train: 70, validation: 15, test: 15 } },
    ],
    fate: 'listed',
  },
  {
    key: 'curia-commons/code-permissive-py',
    kind: 'dataset',
    owner: 0,
    title: 'Code-Permissive Python',
    summary:
      'Python files from repositories under MIT, BSD and Apache-2.0 licenses, deduplicated, with an opt-out list honoured at every release.',
    pipelineTag: 'text-generation',
    language: ['code'],
    tags: ['code', 'python', 'permissive-licenses'],
    license: 'other',
    data: {
      source: 'Public repositories whose detected license is MIT, BSD-2/3-Clause or Apache-2.0.',
      collection:
        'Exact and near-duplicate removal; files over 1 MB, generated and minified files dropped.',
      personalInformation: 'Secrets (API keys, tokens) and e-mail addresses masked by a scanner.',
    },
    intendedUses: ['Pre-training and fine-tuning code models.'],
    outOfScope: ['Reproducing code without its license notice.'],
    risks: [
      'License detection is per repository; vendored files under other licenses may slip through.',
    ],
    recommendations:
      'Keep the attribution file (ATTRIBUTION.jsonl) with any model trained on this data.',
    versions: [{ notes: 'First release: 2.1M files, 38 GB.', metrics: [], rows: { train: 100 } }],
    fate: 'listed',
  },

  // ------------------------------------------------------------------ language models (Lumen Labs)
  {
    key: 'lumen/aurora-1b',
    kind: 'model',
    owner: 1,
    title: 'Aurora-1B',
    summary: 'A 1.1B-parameter decoder-only English language model pre-trained on 1.2T tokens.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en'],
    tags: ['causal-lm', 'base-model'],
    license: 'apache-2.0',
    datasets: ['curia-commons/webtext-en-clean'],
    parameters: '1.1B',
    intendedUses: [
      'Research on small language models; a base for fine-tuning.',
      'Text completion and drafting.',
    ],
    outOfScope: [
      'Use as a source of facts; medical, legal or financial advice.',
      'Any use without a human review of outputs.',
    ],
    risks: LM_RISKS,
    recommendations: 'Fine-tune before deployment and evaluate on your own data.',
    training: {
      procedure: 'AdamW, cosine schedule with 2,000 warm-up steps, sequence length 2,048, bf16.',
      hyperparameters: { learning_rate: 0.0004, batch_size_tokens: 2097152, steps: 572000 },
    },
    hardware: { type: '64x A100 80GB', hours: 1900, co2Kg: 1150 },
    versions: [
      {
        notes: 'First release (800B tokens).',
        metrics: [
          m('accuracy', 'MMLU (5-shot)', 29.8, 'cais/mmlu'),
          m('accuracy', 'HellaSwag (10-shot)', 55.1, 'Rowan/hellaswag', 'validation'),
        ],
      },
      {
        notes: 'Continued pre-training to 1.2T tokens.',
        metrics: [
          m('accuracy', 'MMLU (5-shot)', 32.6, 'cais/mmlu'),
          m('accuracy', 'HellaSwag (10-shot)', 58.4, 'Rowan/hellaswag', 'validation'),
        ],
      },
      {
        notes: 'Re-trained tokenizer merges for numbers; +1.3 points on GSM8K.',
        datasets: ['curia-commons/webtext-en-clean'],
        metrics: [
          m('accuracy', 'MMLU (5-shot)', 33.1, 'cais/mmlu'),
          m('accuracy', 'HellaSwag (10-shot)', 58.9, 'Rowan/hellaswag', 'validation'),
          m('accuracy', 'GSM8K (8-shot)', 9.7, 'openai/gsm8k'),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-1b-instruct',
    kind: 'model',
    owner: 1,
    title: 'Aurora-1B-Instruct',
    summary: 'Aurora-1B fine-tuned to follow instructions on Instruct-Mix 50k.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['chat', 'instruction-tuned', 'sft'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-1b'],
    baseRelation: 'finetune',
    datasets: ['curia-commons/instruct-mix-50k'],
    parameters: '1.1B',
    intendedUses: ['Assistants for drafting, rewriting and summarising short texts.'],
    outOfScope: ['Autonomous agents acting without review; high-stakes decisions about people.'],
    risks: LM_RISKS,
    recommendations: 'Put a moderation filter in front of it in public deployments.',
    training: {
      procedure: 'Full fine-tuning, 3 epochs, loss on responses only.',
      hyperparameters: { learning_rate: 0.00002, batch_size: 64, epochs: 3 },
    },
    hardware: { type: '8x A100 80GB', hours: 14, co2Kg: 8 },
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('score', 'MT-Bench', 4.6, 'lmsys/mt_bench_human_judgments'),
          m('accuracy', 'IFEval (strict)', 38.2, 'google/IFEval', 'train'),
        ],
      },
      {
        notes: 'Trained from Aurora-1B v3; fixes the French system prompt.',
        metrics: [
          m('score', 'MT-Bench', 5.1, 'lmsys/mt_bench_human_judgments'),
          m('accuracy', 'IFEval (strict)', 41.7, 'google/IFEval', 'train'),
        ],
      },
    ],
    fate: 'kept',
  },
  {
    key: 'lumen/aurora-1b-chat-fr',
    kind: 'model',
    owner: 1,
    title: 'Aurora-1B-Chat-FR',
    summary:
      'A French conversational model: Aurora-1B-Instruct further tuned on the French half of Instruct-Mix.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['fr'],
    tags: ['chat', 'french'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-1b-instruct'],
    baseRelation: 'finetune',
    datasets: ['curia-commons/instruct-mix-50k'],
    parameters: '1.1B',
    intendedUses: ['French-language assistants and customer support drafts.'],
    outOfScope: ['Legal or administrative advice in French jurisdictions.'],
    risks: LM_RISKS,
    recommendations: 'Evaluate on Canadian and African French before deploying there.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('score', 'MT-Bench-FR', 4.8, 'bofenghuang/mt-bench-french')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-7b',
    kind: 'model',
    owner: 1,
    title: 'Aurora-7B',
    summary:
      'A 6.9B-parameter decoder-only language model pre-trained on 2T tokens of English and code.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en', 'code'],
    tags: ['causal-lm', 'base-model'],
    license: 'apache-2.0',
    datasets: ['curia-commons/webtext-en-clean', 'curia-commons/code-permissive-py'],
    parameters: '6.9B',
    intendedUses: ['A base for fine-tuning assistants, code models and domain models.'],
    outOfScope: ['Deployment without fine-tuning and safety evaluation.'],
    risks: LM_RISKS,
    recommendations: 'Fine-tune and red-team before deployment.',
    training: {
      procedure: 'AdamW, cosine schedule, sequence length 4,096, grouped-query attention.',
      hyperparameters: { learning_rate: 0.0003, batch_size_tokens: 4194304, steps: 477000 },
    },
    hardware: { type: '256x H100 80GB', hours: 5400, co2Kg: 3900 },
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('accuracy', 'MMLU (5-shot)', 58.9, 'cais/mmlu'),
          m('pass@1', 'HumanEval', 24.4, 'openai/openai_humaneval'),
        ],
      },
      {
        notes: 'Long-context extension to 16k tokens (RoPE base 500k).',
        metrics: [
          m('accuracy', 'MMLU (5-shot)', 59.3, 'cais/mmlu'),
          m('pass@1', 'HumanEval', 25.0, 'openai/openai_humaneval'),
          m('accuracy', 'RULER 16k', 71.2, 'simonjegou/ruler'),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-7b-instruct',
    kind: 'model',
    owner: 1,
    title: 'Aurora-7B-Instruct',
    summary: 'Aurora-7B tuned to follow instructions (SFT on Instruct-Mix 50k, then DPO).',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['chat', 'instruction-tuned', 'dpo'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-7b'],
    baseRelation: 'finetune',
    datasets: ['curia-commons/instruct-mix-50k'],
    parameters: '6.9B',
    intendedUses: ['General-purpose assistants, retrieval-augmented QA.'],
    outOfScope: ['Unreviewed medical, legal or financial advice.'],
    risks: LM_RISKS,
    recommendations: 'Ground answers in retrieved documents and show the sources.',
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('score', 'MT-Bench', 7.1, 'lmsys/mt_bench_human_judgments'),
          m('accuracy', 'IFEval (strict)', 62.5, 'google/IFEval', 'train', true),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-7b-code',
    kind: 'model',
    owner: 1,
    title: 'Aurora-7B-Code',
    summary: 'Aurora-7B continued on 200B tokens of permissively licensed Python.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['code', 'en'],
    tags: ['code', 'python', 'completion'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-7b'],
    baseRelation: 'finetune',
    datasets: ['curia-commons/code-permissive-py'],
    parameters: '6.9B',
    intendedUses: [
      'Code completion and generation in editors, with a developer reviewing every suggestion.',
    ],
    outOfScope: ['Generating code that runs without review in production systems.'],
    risks: [
      'Suggests insecure patterns (SQL built by string concatenation) at a measurable rate.',
      ...LM_RISKS.slice(0, 1),
    ],
    recommendations: 'Run static analysis on accepted suggestions.',
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('pass@1', 'HumanEval', 48.2, 'openai/openai_humaneval'),
          m('pass@1', 'MBPP', 52.9, 'google-research-datasets/mbpp'),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-7b-instruct-awq',
    kind: 'model',
    owner: 1,
    title: 'Aurora-7B-Instruct AWQ',
    summary:
      'Aurora-7B-Instruct quantized to 4-bit weights with AWQ (group size 128) for single-GPU serving.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['awq', '4-bit', 'quantized'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-7b-instruct'],
    baseRelation: 'quantized',
    parameters: '6.9B',
    intendedUses: ['Serving Aurora-7B-Instruct on a 12 GB GPU.'],
    outOfScope: ['Further fine-tuning: fine-tune the full-precision model instead.'],
    risks: [
      'Quantization costs 0.3 MT-Bench points; long-context recall degrades more than short answers.',
    ],
    recommendations: 'Compare with the full-precision model on your task before switching.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('score', 'MT-Bench', 6.8, 'lmsys/mt_bench_human_judgments')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/aurora-merge-7b',
    kind: 'model',
    owner: 1,
    title: 'Aurora-Merge-7B',
    summary:
      'A TIES merge of Aurora-7B-Instruct and Aurora-7B-Code: an assistant that writes code.',
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    language: ['en', 'code'],
    tags: ['merge', 'ties', 'chat', 'code'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-7b-instruct', 'lumen/aurora-7b-code'],
    baseRelation: 'merge',
    parameters: '6.9B',
    intendedUses: ['Coding assistants that explain as well as complete.'],
    outOfScope: ['Unreviewed code in production.'],
    risks: [
      'Merges inherit the failure modes of both parents; refusal behaviour is weaker than the instruct parent.',
    ],
    recommendations: 'Evaluate refusals before exposing it to the public.',
    versions: [
      {
        notes: 'First release (density 0.5, weights 0.6/0.4).',
        metrics: [
          m('score', 'MT-Bench', 6.9, 'lmsys/mt_bench_human_judgments'),
          m('pass@1', 'HumanEval', 44.5, 'openai/openai_humaneval'),
        ],
      },
    ],
    fate: 'removed',
  },
  {
    key: 'lumen/meridian-embed-base',
    kind: 'model',
    owner: 1,
    title: 'Meridian-Embed-Base',
    summary:
      'A 110M-parameter English sentence-embedding model (768 dimensions) trained contrastively.',
    pipelineTag: 'sentence-similarity',
    libraryName: 'sentence-transformers',
    language: ['en'],
    tags: ['embeddings', 'retrieval', 'mteb'],
    license: 'mit',
    datasets: ['curia-commons/webtext-en-clean'],
    parameters: '110M',
    intendedUses: ['Semantic search, clustering, retrieval-augmented generation.'],
    outOfScope: ['Inputs longer than 512 tokens are truncated.'],
    risks: [
      'Similarity scores encode social biases present in web text (e.g. occupation and gender).',
    ],
    recommendations: 'Normalise embeddings and use cosine similarity.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('accuracy', 'MTEB (average, 56 tasks)', 61.2, 'mteb/mteb')],
      },
      {
        notes: 'Hard-negative mining round 2.',
        metrics: [m('accuracy', 'MTEB (average, 56 tasks)', 62.4, 'mteb/mteb', 'test', true)],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/meridian-embed-multilingual',
    kind: 'model',
    owner: 1,
    title: 'Meridian-Embed-Multilingual',
    summary: 'Meridian-Embed-Base distilled into a multilingual student covering 50 languages.',
    pipelineTag: 'sentence-similarity',
    libraryName: 'sentence-transformers',
    language: ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl'],
    tags: ['embeddings', 'multilingual', 'distillation'],
    license: 'mit',
    baseModels: ['lumen/meridian-embed-base'],
    baseRelation: 'distillation',
    parameters: '278M',
    intendedUses: ['Cross-lingual search and deduplication.'],
    outOfScope: ['Low-resource languages outside the 50 covered.'],
    risks: [
      'Quality varies by language: 8 points of MTEB between the best and worst covered languages.',
    ],
    recommendations: 'Check per-language results in the evaluation table.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('accuracy', 'MTEB multilingual (average)', 57.9, 'mteb/mteb')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/meridian-rerank',
    kind: 'model',
    owner: 1,
    title: 'Meridian-Rerank',
    summary: 'A cross-encoder reranker initialised from Meridian-Embed-Base.',
    pipelineTag: 'text-classification',
    libraryName: 'sentence-transformers',
    language: ['en'],
    tags: ['reranker', 'cross-encoder', 'retrieval'],
    license: 'mit',
    baseModels: ['lumen/meridian-embed-base'],
    baseRelation: 'finetune',
    parameters: '110M',
    intendedUses: ['Re-ordering the top 100 results of a first-stage retriever.'],
    outOfScope: ['First-stage retrieval over large corpora (too slow).'],
    risks: ['Prefers longer passages when relevance is equal.'],
    recommendations: 'Rerank at most 100 candidates per query.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('ndcg_at_10', 'BEIR (average nDCG@10)', 51.3, 'BeIR/beir')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/summarizer-news-base',
    kind: 'model',
    owner: 1,
    title: 'Summarizer-News-Base',
    summary: 'Aurora-1B fine-tuned for abstractive news summarisation (3-5 sentences).',
    pipelineTag: 'summarization',
    libraryName: 'transformers',
    language: ['en'],
    tags: ['summarization', 'news'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-1b'],
    baseRelation: 'finetune',
    datasets: ['curia-commons/webtext-en-clean'],
    parameters: '1.1B',
    intendedUses: ['Drafting summaries that an editor checks.'],
    outOfScope: ['Publishing summaries without human review.'],
    risks: [
      'Abstractive summaries can state facts absent from the article (named entities, numbers).',
    ],
    recommendations: 'Show the source article next to the summary.',
    versions: [
      { notes: 'First release.', metrics: [m('rougeL', 'ROUGE-L', 38.4, 'abisee/cnn_dailymail')] },
      {
        notes:
          'Adds an entity-consistency filter at decoding; hallucinated entities down from 7.1% to 2.3%.',
        metrics: [
          m('rougeL', 'ROUGE-L', 38.0, 'abisee/cnn_dailymail'),
          m('accuracy', 'Entity consistency', 97.7, 'abisee/cnn_dailymail'),
        ],
      },
    ],
    fate: 'appealed',
  },
  {
    key: 'lumen/toxicity-guard',
    kind: 'model',
    owner: 1,
    title: 'Toxicity-Guard',
    summary:
      'A multi-label classifier for toxic, hateful, sexual and violent content in user messages.',
    pipelineTag: 'text-classification',
    libraryName: 'transformers',
    language: ['en'],
    tags: ['moderation', 'safety', 'multi-label'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-1b'],
    baseRelation: 'finetune',
    parameters: '1.1B',
    intendedUses: ['Flagging messages for human moderators; filtering model outputs.'],
    outOfScope: ['Automated bans without human review.'],
    risks: ['Over-flags African-American English and reclaimed slurs; under-flags coded hate.'],
    recommendations: 'Tune thresholds per label on your own traffic.',
    versions: [
      { notes: 'First release.', metrics: [m('f1', 'Macro F1', 0.874, 'google/civil_comments')] },
      {
        notes: 'Dialect-balanced training data; false positives on AAE down by a third.',
        metrics: [m('f1', 'Macro F1', 0.891, 'google/civil_comments')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/translate-en-fr',
    kind: 'model',
    owner: 1,
    title: 'Translate-EN-FR',
    summary:
      'English to French translation, fine-tuned from Aurora-1B on parliamentary transcripts.',
    pipelineTag: 'translation',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['translation', 'en-fr'],
    license: 'apache-2.0',
    baseModels: ['lumen/aurora-1b'],
    baseRelation: 'finetune',
    datasets: ['open-speech/parliament-speech-en-fr'],
    parameters: '1.1B',
    intendedUses: ['Translating formal documents, with a translator reviewing.'],
    outOfScope: ['Certified or legal translations.'],
    risks: ['Formal register bias: informal English comes out stiff in French.'],
    recommendations: 'Post-edit before publication.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('bleu', 'BLEU', 39.8, 'wmt/wmt14'), m('chrf', 'chrF', 63.1, 'wmt/wmt14')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'lumen/ner-multilingual',
    kind: 'model',
    owner: 1,
    title: 'NER-Multilingual',
    summary: 'Named-entity recognition (PER, ORG, LOC, MISC) in 8 European languages.',
    pipelineTag: 'token-classification',
    libraryName: 'transformers',
    language: ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl'],
    tags: ['ner', 'multilingual'],
    license: 'mit',
    baseModels: ['lumen/meridian-embed-multilingual'],
    baseRelation: 'finetune',
    parameters: '278M',
    intendedUses: ['Entity extraction for search indexing and document tagging.'],
    outOfScope: ['Building profiles of private individuals.'],
    risks: ['Person names from outside Europe are missed more often.'],
    recommendations: 'Evaluate on names from your user population.',
    versions: [{ notes: 'First release.', metrics: [m('f1', 'F1', 88.6, 'unimelb-nlp/wikiann')] }],
    fate: 'pending',
  },

  // ------------------------------------------------------------------ speech (Open Speech)
  {
    key: 'open-speech/whisperlet-small',
    kind: 'model',
    owner: 2,
    title: 'Whisperlet-Small',
    summary: 'A 244M-parameter encoder-decoder speech recogniser for English and French.',
    pipelineTag: 'automatic-speech-recognition',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['asr', 'speech'],
    license: 'cc-by-4.0',
    datasets: ['open-speech/parliament-speech-en-fr'],
    parameters: '244M',
    intendedUses: ['Transcribing meetings, lectures and interviews with consent.'],
    outOfScope: [
      'Covert recording and transcription; real-time captioning for safety-critical settings.',
    ],
    risks: ASR_RISKS,
    recommendations:
      'Measure WER on your own speakers; enable the profanity filter for public captions.',
    training: {
      procedure: 'Trained from scratch, SpecAugment, 80-bin log-mel input.',
      hyperparameters: { learning_rate: 0.0005, batch_size: 256, epochs: 40 },
    },
    hardware: { type: '16x A100 40GB', hours: 310, co2Kg: 120 },
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('wer', 'WER (en)', 7.9, 'open-speech/parliament-speech-en-fr'),
          m('wer', 'WER (fr)', 10.4, 'open-speech/parliament-speech-en-fr'),
        ],
      },
      {
        notes: 'Timestamps at word level; WER down on fast speech.',
        metrics: [
          m('wer', 'WER (en)', 7.1, 'open-speech/parliament-speech-en-fr', 'test', true),
          m('wer', 'WER (fr)', 9.6, 'open-speech/parliament-speech-en-fr'),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'open-speech/whisperlet-small-fr',
    kind: 'model',
    owner: 2,
    title: 'Whisperlet-Small-FR',
    summary: 'Whisperlet-Small fine-tuned on French only.',
    pipelineTag: 'automatic-speech-recognition',
    libraryName: 'transformers',
    language: ['fr'],
    tags: ['asr', 'french'],
    license: 'cc-by-4.0',
    baseModels: ['open-speech/whisperlet-small'],
    baseRelation: 'finetune',
    datasets: ['open-speech/parliament-speech-en-fr'],
    parameters: '244M',
    intendedUses: ['French transcription.'],
    outOfScope: ['English audio (use the bilingual model).'],
    risks: ASR_RISKS,
    recommendations: 'Evaluate on Québécois and West African French before deployment there.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('wer', 'WER (fr)', 8.2, 'open-speech/parliament-speech-en-fr')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'open-speech/whisperlet-tiny',
    kind: 'model',
    owner: 2,
    title: 'Whisperlet-Tiny',
    summary: 'A 39M-parameter student distilled from Whisperlet-Small for on-device transcription.',
    pipelineTag: 'automatic-speech-recognition',
    libraryName: 'transformers',
    language: ['en', 'fr'],
    tags: ['asr', 'on-device', 'distillation'],
    license: 'cc-by-4.0',
    baseModels: ['open-speech/whisperlet-small'],
    baseRelation: 'distillation',
    datasets: ['open-speech/parliament-speech-en-fr'],
    parameters: '39M',
    intendedUses: ['Offline transcription on phones and laptops.'],
    outOfScope: ['Noisy environments; medical dictation.'],
    risks: ASR_RISKS,
    recommendations: 'Fall back to Whisperlet-Small when confidence is low.',
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('wer', 'WER (en)', 11.8, 'open-speech/parliament-speech-en-fr'),
          m('wer', 'WER (fr)', 14.9, 'open-speech/parliament-speech-en-fr'),
        ],
      },
    ],
    fate: 'restored',
  },
  {
    key: 'open-speech/voxlet-tts-en',
    kind: 'model',
    owner: 2,
    title: 'Voxlet-TTS-EN',
    summary: 'English text-to-speech with 12 consenting studio voices and zero-shot voice prompts.',
    pipelineTag: 'text-to-speech',
    libraryName: 'transformers',
    language: ['en'],
    tags: ['tts', 'speech-synthesis'],
    license: 'cc-by-nc-4.0',
    parameters: '180M',
    intendedUses: [
      'Accessibility (screen readers), audiobooks and prototyping with the studio voices.',
    ],
    outOfScope: [
      'Imitating a real person without their documented consent.',
      'Political or commercial impersonation.',
    ],
    risks: [
      'Zero-shot voice prompts can clone a voice from 10 s of audio.',
      'Generated audio is watermarked, but the watermark does not survive heavy compression.',
    ],
    recommendations: 'Disable zero-shot prompts in public deployments.',
    versions: [
      {
        notes: 'First release.',
        metrics: [
          m('mos', 'MOS', 4.1, 'open-speech/voxlet-listening-test'),
          m('wer', 'Intelligibility WER', 3.2, 'open-speech/voxlet-listening-test'),
        ],
      },
    ],
    fate: 'suspended',
  },
  {
    key: 'open-speech/langid-107',
    kind: 'model',
    owner: 2,
    title: 'LangID-107',
    summary: 'Spoken language identification for 107 languages from 3 s of audio.',
    pipelineTag: 'audio-classification',
    libraryName: 'transformers',
    language: ['multilingual'],
    tags: ['language-identification', 'audio'],
    license: 'cc-by-4.0',
    parameters: '22M',
    intendedUses: ['Routing audio to the right recogniser.'],
    outOfScope: ['Inferring nationality or ethnicity of speakers.'],
    risks: ['Closely related languages (e.g. Serbian/Croatian) are confused 20-30% of the time.'],
    recommendations: 'Use top-3 predictions for closely related languages.',
    versions: [
      { notes: 'First release.', metrics: [m('accuracy', 'Accuracy', 93.4, 'google/fleurs')] },
    ],
    fate: 'listed',
  },

  // ------------------------------------------------------------------ vision (Open Vision)
  {
    key: 'open-vision/pathfinder-vit-b',
    kind: 'model',
    owner: 2,
    title: 'Pathfinder-ViT-B/16',
    summary: 'A ViT-B/16 image backbone pre-trained with masked image modelling.',
    pipelineTag: 'image-classification',
    libraryName: 'timm',
    language: [],
    tags: ['vision-transformer', 'backbone'],
    license: 'apache-2.0',
    parameters: '86M',
    intendedUses: ['A backbone for detection, segmentation and classification.'],
    outOfScope: ['Face recognition and biometric identification.'],
    risks: ['Pre-training images over-represent North America and Europe.'],
    recommendations: 'Fine-tune at 224 px; 384 px gains +0.8 top-1.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('accuracy', 'Top-1 (ImageNet-1k)', 83.1, 'ILSVRC/imagenet-1k', 'validation')],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'open-vision/pathfinder-det',
    kind: 'model',
    owner: 2,
    title: 'Pathfinder-Det',
    summary: 'Road-scene object detection (19 classes) with a Pathfinder-ViT-B backbone.',
    pipelineTag: 'object-detection',
    libraryName: 'transformers',
    language: [],
    tags: ['detection', 'autonomous-driving'],
    license: 'apache-2.0',
    baseModels: ['open-vision/pathfinder-vit-b'],
    baseRelation: 'finetune',
    datasets: ['open-vision/street-scenes-10k'],
    parameters: '97M',
    intendedUses: ['Research on driver assistance; dataset pre-labelling.'],
    outOfScope: ['Safety-critical control of vehicles.', 'Tracking individuals.'],
    risks: VISION_RISKS,
    recommendations: 'Validate per weather condition; keep a human in the loop for pre-labelling.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('map', 'mAP@[.5:.95]', 41.2, 'open-vision/street-scenes-10k')],
      },
      {
        notes: 'Adds night-time augmentation; +4.1 mAP on night frames.',
        metrics: [
          m('map', 'mAP@[.5:.95]', 42.0, 'open-vision/street-scenes-10k'),
          m('map', 'mAP night', 33.8, 'open-vision/street-scenes-10k'),
        ],
      },
    ],
    fate: 'listed',
  },
  {
    key: 'open-vision/pathfinder-seg',
    kind: 'model',
    owner: 2,
    title: 'Pathfinder-Seg',
    summary: 'Semantic segmentation of road scenes (19 classes).',
    pipelineTag: 'image-segmentation',
    libraryName: 'transformers',
    language: [],
    tags: ['segmentation', 'autonomous-driving'],
    license: 'apache-2.0',
    baseModels: ['open-vision/pathfinder-vit-b'],
    baseRelation: 'finetune',
    datasets: ['open-vision/street-scenes-10k'],
    parameters: '102M',
    intendedUses: ['Research; map and dataset annotation.'],
    outOfScope: ['Safety-critical perception.'],
    risks: VISION_RISKS,
    recommendations: 'Report mIoU per class; thin classes (poles, signs) are the weakest.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('mean_iou', 'mIoU', 79.6, 'open-vision/street-scenes-10k')],
      },
    ],
    fate: 'voting',
  },
  {
    key: 'open-vision/depthlet',
    kind: 'model',
    owner: 2,
    title: 'Depthlet',
    summary: 'Monocular depth estimation for indoor and outdoor scenes.',
    pipelineTag: 'depth-estimation',
    libraryName: 'transformers',
    language: [],
    tags: ['depth', '3d'],
    license: 'apache-2.0',
    baseModels: ['open-vision/pathfinder-vit-b'],
    baseRelation: 'finetune',
    parameters: '98M',
    intendedUses: ['AR effects, robotics research.'],
    outOfScope: ['Metric measurements for construction or medicine.'],
    risks: ['Reflective and transparent surfaces get wrong depth.'],
    recommendations: 'Use relative depth only.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('abs_rel', 'AbsRel', 0.098, 'sayakpaul/nyu_depth_v2', 'validation')],
      },
    ],
    fate: 'delisted',
  },
  {
    key: 'open-vision/doc-layout',
    kind: 'model',
    owner: 2,
    title: 'Doc-Layout',
    summary:
      'Document layout analysis: text, title, table, figure, list, header and footer regions.',
    pipelineTag: 'object-detection',
    libraryName: 'transformers',
    language: [],
    tags: ['document-ai', 'layout'],
    license: 'apache-2.0',
    baseModels: ['open-vision/pathfinder-vit-b'],
    baseRelation: 'finetune',
    parameters: '97M',
    intendedUses: ['PDF ingestion pipelines, OCR pre-processing.'],
    outOfScope: ['Handwritten documents.'],
    risks: ['Scientific papers are over-represented; forms and invoices are weaker.'],
    recommendations: 'Fine-tune on 200 pages of your own documents.',
    versions: [{ notes: 'First release.', metrics: [m('map', 'mAP', 76.4, 'ds4sd/DocLayNet')] }],
    fate: 'pending',
  },

  // ------------------------------------------------------------------ tabular and time series (Curia Commons)
  {
    key: 'curia-commons/fraudscope-gbdt',
    kind: 'model',
    owner: 0,
    title: 'FraudScope-GBDT',
    summary:
      'Gradient-boosted trees scoring card transactions for fraud (synthetic training data).',
    pipelineTag: 'tabular-classification',
    libraryName: 'xgboost',
    language: [],
    tags: ['fraud', 'tabular', 'synthetic-data'],
    license: 'mit',
    parameters: '400 trees',
    intendedUses: ['A baseline for fraud-detection research.'],
    outOfScope: ['Declining real transactions: it was trained on synthetic data only.'],
    risks: ['Synthetic data does not capture real fraud patterns or their drift.'],
    recommendations: 'Retrain on your own labelled data.',
    versions: [
      {
        notes: 'Draft: evaluation in progress.',
        metrics: [m('roc_auc', 'AUROC', 0.962, 'curia-commons/synthetic-card-transactions')],
      },
    ],
    fate: 'draft',
  },
  {
    key: 'curia-commons/gridcast',
    kind: 'model',
    owner: 0,
    title: 'GridCast',
    summary: 'Day-ahead electricity load forecasting per grid zone (hourly, 24 h horizon).',
    pipelineTag: 'time-series-forecasting',
    libraryName: 'pytorch',
    language: [],
    tags: ['forecasting', 'energy'],
    license: 'apache-2.0',
    parameters: '4.2M',
    intendedUses: ['Planning and research on load forecasting.'],
    outOfScope: ['Grid balancing decisions without operator review.'],
    risks: ['Holidays and heat waves outside the training years are under-predicted.'],
    recommendations: 'Blend with a seasonal-naive baseline on holidays.',
    versions: [
      {
        notes: 'First release.',
        metrics: [m('mase', 'MASE', 0.71, 'curia-commons/entsoe-load-2015-2023')],
      },
    ],
    fate: 'withdrawn',
  },
];

/** Registry id of an entry (ids follow the catalog order, from 1). */
export function registryId(key: string): number {
  const index = CATALOG.findIndex((e) => e.key === key);
  if (index < 0) throw new Error(`unknown catalog entry ${key}`);
  return index + 1;
}

export function entry(key: string): EntrySpec {
  return CATALOG[registryId(key) - 1];
}

/** Lineage of one version (keys): its base models, then its training data sets. */
export function lineageOf(spec: EntrySpec, version: number): string[] {
  const v = spec.versions[version - 1];
  return [...(v.baseModels ?? spec.baseModels ?? []), ...(v.datasets ?? spec.datasets ?? [])];
}
