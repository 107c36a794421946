// @vitest-environment jsdom
// Untrusted markdown renders inert: no scripts, handlers, javascript: links, styles or images.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../web/lib/markdown';

describe('renderMarkdown', () => {
  it('keeps markdown formatting', () => {
    const html = renderMarkdown('# Title\n\n**bold** and [link](https://example.org)');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
  });

  it('renders a <script> payload inert', () => {
    const payloads = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 1">',
      '[click](javascript:window.__pwned=1)',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<div onclick="alert(1)" style="position:fixed">overlay</div>',
      '<svg><script>alert(1)</script></svg>',
      '<form action="https://evil.example"><input name=a></form>',
    ];
    for (const payload of payloads) {
      const html = renderMarkdown(`Hello\n\n${payload}`);
      expect(html, payload).not.toMatch(
        /<script|onerror|onclick|javascript:|<iframe|<img|<svg|<form|style=/i,
      );
      const host = document.createElement('div');
      host.innerHTML = html;
      document.body.append(host);
      expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    }
  });
});
