import { describe, it } from 'node:test';
import { expect } from 'expect';
import { describeAgent } from '../src/ui/agent';

/** The profile names a session's browser as people do, not by its whole User-Agent header (bowser reads it). */
describe('the browser of a session', () => {
  it('names the family, major version and system of common browsers', () => {
    expect(describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({ browser: 'Firefox 128', os: 'Windows' });
    expect(describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86')).toEqual({ browser: 'Microsoft Edge 131', os: 'Windows' });
    expect(describeAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15')).toEqual({ browser: 'Safari 17', os: 'macOS' });
    expect(describeAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1')).toEqual({ browser: 'Safari 17', os: 'iOS' });
    expect(describeAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36')).toEqual({ browser: 'Chrome 131', os: 'Android' });
    expect(describeAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/147.0.7727.0 Safari/537.36')).toEqual({ browser: 'Chrome 147', os: 'Linux' });
  });

  it('gives nothing it cannot tell, so the screen shows the header itself', () => {
    expect(describeAgent('curl/8.5.0')).toEqual({ browser: null, os: null });
  });
});
