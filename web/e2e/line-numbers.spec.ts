import { describe, it } from 'node:test';
import { expect } from 'expect';
import { renderWithLines } from '../src/text/render';

/** Issue 13: comments cite lines of the Markdown source, so the review copy shows them in its margin. */
describe('line numbers of the review copy', () => {
  const SOURCE = [
    '# Title', //                                      1
    '', //                                             2
    '## 5 Requirements', //                            3
    '', //                                             4
    'The provider shall publish', //                   5
    'its ephemerides daily.', //                       6
    '', //                                             7
    '- first item', //                                 8
    '- second item', //                                9
    '  wraps here', //                                10
    '', //                                            11
    '| Item | Status |', //                            12
    '|---|---|', //                                   13
    '| A.1 | M |', //                                 14
    '| A.2 | O |', //                                 15
    '', //                                            16
    '```', //                                         17
    'code', //                                        18
    '```', //                                         19
  ].join('\n');
  const html = renderWithLines(SOURCE);
  const attrs = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}( [^>]*)?>`, 'g'))].map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

  it('numbers every top-level block with its first and last source line', () => {
    expect(attrs('h1')[0]).toMatchObject({ 'data-line': '1', 'data-line-end': '1', 'data-lines': '1' });
    expect(attrs('h2')[0]).toMatchObject({ 'data-line': '3', 'data-lines': '3' });
    // A paragraph written on two lines shows both in the margin, the first at its top.
    expect(attrs('p')[0]).toMatchObject({ 'data-line': '5', 'data-line-end': '6', 'data-lines': '5\n–6' });
    // markdown-it puts a fence's attributes on its <code>.
    expect(attrs('code')[0]).toMatchObject({ 'data-line': '17', 'data-line-end': '19', 'data-lines': '17\n–19' });
  });

  it('numbers each list item and table row, not their containers', () => {
    expect(attrs('li').map((a) => [a['data-line'], a['data-line-end'], a['data-lines']])).toEqual([['8', '8', '8'], ['9', '10', '9\n–10']]);
    expect(attrs('ul')[0]).toMatchObject({ 'data-line': '8', 'data-line-end': '10' });
    expect(attrs('ul')[0]['data-lines']).toBeUndefined();
    expect(attrs('tr').map((a) => a['data-lines'])).toEqual(['12', '14', '15']);
    expect(attrs('table')[0]['data-lines']).toBeUndefined();
  });

  it('every number it shows is a line of the source that holds text', () => {
    const lines = SOURCE.split('\n');
    for (const m of html.matchAll(/data-lines="(\d+)/g)) expect(lines[Number(m[1]) - 1].trim()).not.toBe('');
  });
});
