// Untrusted markdown (model cards, proposal descriptions, evidence) → sanitized HTML. marked
// parses; DOMPurify removes scripts, event handlers, styles, forms, frames and images (which
// could track readers), and makes every link open safely in a new tab.
import DOMPurify, { type WindowLike } from 'dompurify';
import { marked } from 'marked';

const FORBID_TAGS = [
  'style',
  'img',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'source',
  'picture',
];
const SAFE_URL = /^(?:https?:|ipfs:|mailto:|#)/i;

type Purifier = ReturnType<typeof DOMPurify>;
const purifiers = new WeakMap<object, Purifier>();

function purifier(window: WindowLike): Purifier {
  let p = purifiers.get(window);
  if (p) return p;
  p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
    }
  });
  purifiers.set(window, p);
  return p;
}

/** Sanitized HTML for `markdown`; `window` is the DOM to sanitize with (the page's by default). */
export function renderMarkdown(markdown: string, window?: WindowLike): string {
  const w = window ?? (globalThis as unknown as { window?: WindowLike }).window;
  if (!w) throw new Error('renderMarkdown needs a DOM window');
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return purifier(w).sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOW_DATA_ATTR: false,
  });
}
