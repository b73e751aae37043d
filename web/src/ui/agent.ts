/**
 * A session's browser as people name it ("Firefox 128", "Windows"), read
 * from the User-Agent header. Only the family and major version: enough to
 * tell one's sessions apart; the full header stays one hover away.
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/\b(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

export function describeAgent(ua: string): { browser: string | null; os: string | null } {
  const b = BROWSERS.find(([re]) => re.test(ua));
  const os = SYSTEMS.find(([re]) => re.test(ua));
  return { browser: b ? `${b[1]} ${ua.match(b[0])![1]}` : null, os: os ? os[1] : null };
}
