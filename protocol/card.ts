// The model card: a JSON document following the Hugging Face card fields (see the metadata form),
// or plain markdown. It is untrusted: every field is coerced to text here (the portal renders long
// fields as sanitized markdown). The portal reads a card with `parseCard` and `cardTitle`, the
// indexer summarizes it for the lists and search with `cardSummary`: the same rules, one module.

export interface EvalResult {
  task: string;
  dataset: string;
  metric: string;
  value: string;
  verified: boolean;
}

export interface FileEntry {
  name: string;
  size: string;
  sha256: string;
}

export interface ModelCard {
  name: string;
  description: string;
  kind: string;
  authors: string[];
  library_name: string;
  pipeline_tag: string;
  language: string[];
  tags: string[];
  license: string;
  license_name: string;
  license_link: string;
  base_model: string[];
  datasets: string[];
  intended_uses: string;
  out_of_scope_uses: string;
  limitations: string;
  recommendations: string;
  training: string;
  evaluation: EvalResult[];
  files: FileEntry[];
  citation: string;
}

const MAX = 20_000;

function text(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, MAX);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** Long text: a string, or a list rendered as markdown bullets. */
function long(...values: unknown[]): string {
  for (const v of values) {
    if (Array.isArray(v)) {
      const items = v.map(text).filter(Boolean);
      if (items.length)
        return items
          .map((i) => `- ${i}`)
          .join('\n')
          .slice(0, MAX);
    }
    const t = text(v);
    if (t) return t;
  }
  return '';
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter(Boolean).slice(0, 100);
  const t = text(v);
  return t ? [t] : [];
}

export function emptyCard(): ModelCard {
  return {
    name: '',
    description: '',
    kind: '',
    authors: [],
    library_name: '',
    pipeline_tag: '',
    language: [],
    tags: [],
    license: '',
    license_name: '',
    license_link: '',
    base_model: [],
    datasets: [],
    intended_uses: '',
    out_of_scope_uses: '',
    limitations: '',
    recommendations: '',
    training: '',
    evaluation: [],
    files: [],
    citation: '',
  };
}

/** A flat evaluation row: { task, dataset, metric, value, verified }. */
function flatResult(e: unknown): EvalResult {
  const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
  return {
    task: text(o.task),
    dataset: text(o.dataset),
    metric: text(o.metric),
    value: text(o.value),
    verified: o.verified === true,
  };
}

/** Of an object field: its name, else its type (Hugging Face's `{ type, name }`); or the text. */
function named(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return text(o.name) || text(o.type);
  }
  return text(v);
}

/**
 * Hugging Face's model-index entry, `{ name, results: [{ task: { type }, dataset: { name, type },
 * metrics: [{ type, name, value, verified }] }] }`: one row per metric.
 */
function modelIndexResults(entry: unknown): EvalResult[] {
  const o = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
  if (!Array.isArray(o.results)) return [flatResult(entry)];
  return o.results.slice(0, 50).flatMap((res: unknown) => {
    const r = (res && typeof res === 'object' ? res : {}) as Record<string, unknown>;
    const metrics = Array.isArray(r.metrics) ? r.metrics.slice(0, 50) : [];
    return metrics.map((m: unknown) => {
      const mm = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>;
      return {
        task: named(r.task),
        dataset: named(r.dataset),
        metric: text(mm.name) || text(mm.type),
        value: text(mm.value),
        verified: mm.verified === true,
      };
    });
  });
}

/** A training section given as `{ procedure, hyperparameters: { name: value } }`: as markdown. */
function procedure(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const params =
    o.hyperparameters && typeof o.hyperparameters === 'object' && !Array.isArray(o.hyperparameters)
      ? Object.entries(o.hyperparameters as Record<string, unknown>)
          .slice(0, 50)
          .map(([k, x]) => `- ${k}: ${text(x)}`)
          .filter((line) => !line.endsWith(': '))
      : [];
  return [text(o.procedure), params.join('\n')].filter(Boolean).join('\n\n').slice(0, MAX);
}

/** Parses an untrusted card document; anything unexpected is dropped. */
export function parseCard(source: string): { card: ModelCard; markdown?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    return { card: emptyCard(), markdown: source.slice(0, 200_000) };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { card: emptyCard(), markdown: source.slice(0, 200_000) };
  }
  const r = raw as Record<string, unknown>;
  const evaluation = (
    Array.isArray(r.evaluation)
      ? r.evaluation.map(flatResult)
      : Array.isArray(r['model-index'])
        ? r['model-index'].flatMap(modelIndexResults)
        : []
  ).slice(0, 50);
  const files = (Array.isArray(r.files) ? r.files : []).slice(0, 200).map((f: unknown) => {
    const o = (f && typeof f === 'object' ? f : {}) as Record<string, unknown>;
    return { name: text(o.name), size: text(o.size), sha256: text(o.sha256) };
  });
  return {
    card: {
      name: (text(r.name) || text(r.title)).slice(0, 200),
      description: long(r.description, r.summary),
      kind: text(r.kind),
      authors: list(r.authors),
      library_name: text(r.library_name ?? r.libraryName),
      pipeline_tag: text(r.pipeline_tag ?? r.pipelineTag),
      language: list(r.language),
      tags: list(r.tags),
      license: text(r.license),
      license_name: text(r.license_name),
      license_link: text(r.license_link),
      base_model: list(r.base_model ?? r.baseModels),
      datasets: list(r.datasets),
      intended_uses: long(r.intended_uses, r.intendedUses, r.uses),
      out_of_scope_uses: long(r.out_of_scope_uses, r.outOfScope, r.out_of_scope),
      limitations: long(r.limitations, r.risks, r.bias_risks_limitations),
      recommendations: long(r.recommendations),
      training: long(procedure(r.training), r.trainingData, r.training_data),
      evaluation,
      files,
      citation: long(r.citation),
    },
  };
}

/**
 * The heading of an entry from its card: its `title` (e.g. "WebText-EN Clean"), else `model_name`,
 * else its `name` (often a repository id such as "curia-commons/webtext-en-clean"): the rule the
 * indexer follows for the lists, so a page and the lists name an entry alike.
 */
export function cardTitle(text: string): string {
  try {
    const r = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['title', 'model_name', 'name']) {
      const v = r?.[key];
      if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
    }
  } catch {
    // a markdown card: its name is what parseCard found
  }
  return parseCard(text).card.name;
}

/** A card as the JSON document to publish: empty fields left out. */
export function cardDocument(card: ModelCard, base: Record<string, unknown> = {}): string {
  const out: Record<string, unknown> = {};
  // What the card's fields (and the names the reader also accepts for them) say comes from `card`,
  // an emptied field included; anything else of `base` (the previous version's document: a title,
  // environmental impact, a field this portal does not edit) is kept as it was.
  const edited = new Set([...Object.keys(card), 'model-index', 'summary']);
  for (const [key, value] of Object.entries(base)) if (!edited.has(key)) out[key] = value;
  for (const [key, value] of Object.entries(card)) {
    if (Array.isArray(value) ? value.length > 0 : value !== '') out[key] = value;
  }
  return JSON.stringify(out, null, 2);
}

/** What the indexer keeps of a card for the lists and search (`status` says how the read went). */
export interface CardSummary {
  status: 'ok' | 'missing' | 'invalid' | 'remote';
  name: string | null;
  title: string | null;
  description: string | null;
  tags: string[];
  license: string | null;
  pipelineTag: string | null;
  language: string[];
}

const MAX_SUMMARY_TEXT = 2_000;

function summaryText(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_SUMMARY_TEXT);
  if (typeof value === 'number') return String(value);
  return null;
}

function summaryList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .map(summaryText)
    .filter((x): x is string => x !== null)
    .map((x) => x.slice(0, 100))
    .slice(0, 50);
}

/** A summary with nothing in it, for a card that could not be read (`status` says why). */
export function emptySummary(status: CardSummary['status']): CardSummary {
  return {
    status,
    name: null,
    title: null,
    description: null,
    tags: [],
    license: null,
    pipelineTag: null,
    language: [],
  };
}

/**
 * The summary of a card's text: a JSON card's fields (its title as `cardTitle` finds it), or a
 * markdown card's first heading and first paragraph; `invalid` for JSON that is not an object.
 */
export function cardSummary(source: string): CardSummary {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    const lines = source.split(/\r?\n/);
    const heading = lines.find((l) => /^#{1,2}\s+\S/.test(l));
    const paragraph = source
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .find((p) => p && !p.startsWith('#') && !p.startsWith('---'));
    return {
      ...emptySummary('ok'),
      title: heading ? heading.replace(/^#+\s+/, '').trim() : null,
      description: paragraph ? paragraph.replace(/\s+/g, ' ').slice(0, MAX_SUMMARY_TEXT) : null,
    };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return emptySummary('invalid');
  const card = json as Record<string, unknown>;
  const name = summaryText(card.name);
  return {
    status: 'ok',
    name,
    title: summaryText(card.title) ?? summaryText(card.model_name) ?? name,
    description: summaryText(card.description) ?? summaryText(card.summary),
    tags: summaryList(card.tags),
    license: summaryText(card.license),
    pipelineTag: summaryText(card.pipeline_tag) ?? summaryList(card.task_categories)[0] ?? null,
    language: summaryList(card.language),
  };
}
