/**
 * An independent check that a piece of rendered HTML is safe to put in a
 * page and well-formed: every "<" opens an allowed tag with allowed, quoted
 * attributes, links point to http(s), mailto or relative targets, and tags
 * nest properly. The specs run the renderer and the redline against it; it
 * shares no code with them on purpose, so a bug in one is caught by the other.
 */

const ALLOWED_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'em', 'strong', 'code', 'pre', 'blockquote',
  'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'span', 's', 'ins', 'del',
]);
const VOID_TAGS = new Set(['hr', 'br', 'img']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'id', 'class', 'style', 'start']);
const TAG = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/?)>/;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;

export function auditHtml(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const tag = TAG.exec(html.slice(at));
    if (!tag) {
      problems.push(`not a tag at ${at}: ${html.slice(at, at + 40)}`);
      continue;
    }
    const [, closing, name, attributes] = tag;
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag <${name}>`);
    for (const [, attr, value] of attributes.matchAll(ATTRIBUTE)) {
      if (!ALLOWED_ATTRIBUTES.has(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if ((attr === 'href' || attr === 'src') && !safeUrl(value)) problems.push(`${attr}="${value}"`);
      if (attr === 'style' && !/^text-align:(left|right|center)$/.test(value)) problems.push(`style="${value}"`);
    }
    if (VOID_TAGS.has(name)) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) problems.push(`</${name}> closes the wrong element at ${at}`);
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
}

function safeUrl(attributeValue: string): boolean {
  const decoded = attributeValue
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  let url = decoded;
  try {
    url = decodeURIComponent(decoded);
  } catch {
    // keep as is
  }
  // eslint-disable-next-line no-control-regex
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase());
  return scheme === null || ['http', 'https', 'mailto'].includes(scheme[1]);
}

/** Markdown an attacker could put in a draft. Every one must render to inert HTML. */
export const XSS_CORPUS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<div onclick="alert(1)">x</div>',
  '<style>body{display:none}</style>',
  '<<script>script>alert(1)<</script>/script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](<javascript:alert(1)>)',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](&#0000106;&#0000097;vascript:alert(1))',
  '[x](&#x09;javascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java&#x0A;script:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](java%0ascript:alert(1))',
  '[x](%20javascript:alert(1))',
  '[x](javascript://%0aalert(1))',
  '[x](\\javascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](VBScript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](DATA:text/html,<script>alert(1)</script>)',
  '[x](file:///etc/passwd)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '[x][ref]\n\n[ref]: <data:text/html,x> "t"',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html,alert(1)>',
  '<https://ok.example/"onmouseover="alert(1)>',
  '<mailto:a@b.example?subject="><script>alert(1)</script>>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  "[x](https://ok.example 'a\" onclick=\"alert(1)')",
  '[x](https://ok.example (a" onclick="alert(1)))',
  '![a" onerror="alert(1)](https://ok.example/x.png)',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '```"><script>alert(1)</script>\ncode\n```',
  '    <script>alert(1)</script>',
  '## <img src=x onerror=alert(1)> heading',
  '## 1 "><script>alert(1)</script>',
  '| a | <script>x</script> |\n|---|---|\n| <img onerror=alert(1)> | b |',
  'Text shall be {#"><script>alert(1)</script>}.',
  'Text shall be {#x" onmouseover="alert(1)}.',
  '> <script>alert(1)</script>',
  '- [x](javascript:alert(1))\n- <svg/onload=alert(1)>',
  'https://ok.example/<script>alert(1)</script>',
  'www.evil.example/javascript:alert(1)',
];
