import { describe, it } from 'node:test';
import { expect } from 'expect';
import { auditHtml, XSS_CORPUS } from './html-audit';
import { isSafeLink } from './markdown';
import { renderMarkdown } from './render';

describe('renderMarkdown', () => {
  it('renders the title as h1 and gives clause headings ids from their numbers', () => {
    const html = renderMarkdown('# Orbit data\n\n## Scope\n\n## 5.2 Tracking data\n\n### Detail\n\n## Annex A (normative) Formats\n\n### A.1 Records\n');
    expect(html).toBe(
      [
        '<h1 id="orbit-data">Orbit data</h1>',
        '<h2 id="clause-1">Scope</h2>',
        '<h2 id="clause-5-2">5.2 Tracking data</h2>',
        '<h3 id="clause-5-2-1">Detail</h3>',
        '<h2 id="clause-a">Annex A (normative) Formats</h2>',
        '<h3 id="clause-a-1">A.1 Records</h3>',
        '',
      ].join('\n'),
    );
  });

  it('keeps heading ids unique', () => {
    const html = renderMarkdown('# Clause 1\n\n## 1 One\n\n## 1 Again\n\n> ## Quoted\n\n> ## Quoted\n');
    expect(html.match(/id="[^"]*"/g)).toEqual(['id="clause-1"', 'id="clause-1-2"', 'id="clause-1-3"', 'id="quoted"', 'id="quoted-2"']);
  });

  it('strips pinned keys and leaves an anchor for the requirement', () => {
    expect(renderMarkdown('The system shall log *events* {#LOG-1}. It shall keep them. {#LOG-2}\n')).toBe(
      '<p>The system shall log <em>events</em><span id="req-LOG-1"></span>. It shall keep them.<span id="req-LOG-2"></span></p>\n',
    );
  });

  it('leaves a {#...} that is not at the end of a sentence alone', () => {
    expect(renderMarkdown('Use {#KEY} syntax to pin keys.\n')).toBe('<p>Use {#KEY} syntax to pin keys.</p>\n');
  });

  it('keeps http, https, mailto, relative and fragment links', () => {
    const html = renderMarkdown('[a](https://nato.int/x?y=1) [b](http://x.example) [c](mailto:sec@nato.int) [d](../other.md) [e](#clause-5) <https://auto.example>\n');
    expect(html).toBe(
      '<p><a href="https://nato.int/x?y=1">a</a> <a href="http://x.example">b</a> <a href="mailto:sec@nato.int">c</a>' +
        ' <a href="../other.md">d</a> <a href="#clause-5">e</a> <a href="https://auto.example">https://auto.example</a></p>\n',
    );
  });

  it('renders a figure embedded as a raster data: image, and no SVG', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(renderMarkdown(`![Figure 1 — Orbit](${png})\n`)).toBe(`<p><img src="${png}" alt="Figure 1 — Orbit"></p>\n`);
    expect(renderMarkdown('![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n')).not.toContain('<img');
  });

  it('renders tables, lists and code as markdown-it does, escaping raw HTML', () => {
    expect(renderMarkdown('| a | b |\n|:--|--:|\n| <b>x</b> | `y` |\n')).toBe(
      '<table>\n<thead>\n<tr>\n<th style="text-align:left">a</th>\n<th style="text-align:right">b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td style="text-align:left">&lt;b&gt;x&lt;/b&gt;</td>\n<td style="text-align:right"><code>y</code></td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  describe('XSS corpus', () => {
    for (const markdown of XSS_CORPUS) it(`renders ${JSON.stringify(markdown)} inertly`, () => {
      const html = renderMarkdown(markdown);
      expect(auditHtml(html)).toEqual([]);
      expect(html).not.toMatch(/<(script|svg|iframe|style|div|object|embed)\b/i);
      // Event handlers would have to be attributes of a tag (outside quoted values).
      const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
      expect(tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([]);
    });

    it('runs the whole corpus as one document', () => {
      expect(auditHtml(renderMarkdown(XSS_CORPUS.join('\n\n')))).toEqual([]);
    });
  });
});

describe('isSafeLink', () => {
  for (const url of [
    'https://x.example', 'HTTP://X.EXAMPLE', 'mailto:a@b.c', '/abs/path', 'rel/path.md', '#frag', '?q=1', '//cdn.example/x', '',
    'data:image/png;base64,iVBORw0KGgo=', 'data:image/jpeg;base64,AAAA',
  ]) {
    it(`allows ${JSON.stringify(url)}`, () => expect(isSafeLink(url)).toBe(true));
  }
  for (const url of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java%09script:alert(1)',
    '%6A%61vascript:alert(1)',
    'vbscript:x',
    'data:text/html,x',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'data:image/png;base64,AA"onerror=x',
    'file:///etc/passwd',
    'ftp://x.example',
    'javascript:%E0%A4%A',
  ]) {
    it(`refuses ${JSON.stringify(url)}`, () => expect(isSafeLink(url)).toBe(false));
  }
});
