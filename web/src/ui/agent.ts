import Bowser from 'bowser';

/**
 * A session's browser as people name it ("Firefox 128", "Windows"), read
 * from the User-Agent header with bowser. Only the family and major version:
 * enough to tell one's sessions apart; the full header stays one hover away.
 */
export function describeAgent(ua: string): { browser: string | null; os: string | null } {
  const { browser, os } = Bowser.parse(ua);
  const major = browser.version?.split('.')[0];
  return {
    browser: browser.name ? (major ? `${browser.name} ${major}` : browser.name) : null,
    os: os.name || null,
  };
}
