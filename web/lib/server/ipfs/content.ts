// Which documents the portal accepts, told apart by their bytes (the declared type must agree):
// JSON (model cards, audit reports), markdown and plain text (terms, evidence, statements,
// proposal descriptions), PDF, PNG and JPEG (reports and evidence).
export const MAX_UPLOAD_BYTES = 256 * 1024;

export const ALLOWED_TYPES = {
  'application/json': 'JSON',
  'text/markdown': 'Markdown',
  'text/plain': 'plain text',
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

export type Classified =
  { ok: true; type: AllowedType } | { ok: false; status: 400 | 413 | 415; message: string };

const starts = (bytes: Uint8Array, prefix: number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** What the bytes are, whatever anyone claims. */
export function sniff(bytes: Uint8Array): AllowedType | undefined {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const text = utf8(bytes);
  if (text === undefined || text.includes('\u0000')) return undefined;
  try {
    JSON.parse(text);
    return 'application/json';
  } catch {
    return 'text/plain';
  }
}

const LIST = Object.values(ALLOWED_TYPES).join(', ');

/** Checks an upload: not empty, not too large, an allowed type that its bytes confirm. */
export function classify(
  bytes: Uint8Array,
  declared: string | null,
  maxBytes = MAX_UPLOAD_BYTES,
): Classified {
  if (bytes.length === 0) return { ok: false, status: 400, message: 'The file is empty.' };
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      status: 413,
      message: `The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}.`,
    };
  }
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (!(type in ALLOWED_TYPES)) {
    return {
      ok: false,
      status: 415,
      message: `${type ? `"${type}" files are` : 'Files without a type are'} not accepted. Allowed: ${LIST}.`,
    };
  }
  const actual = sniff(bytes);
  const textual = type === 'text/plain' || type === 'text/markdown';
  const agrees =
    actual === type ||
    (textual && (actual === 'text/plain' || actual === 'application/json')) ||
    false;
  if (!agrees) {
    return {
      ok: false,
      status: 415,
      message: `The file is declared as ${ALLOWED_TYPES[type as AllowedType]} but its content is ${
        actual ? ALLOWED_TYPES[actual] : 'not any allowed type'
      }.`,
    };
  }
  return { ok: true, type: type as AllowedType };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
