/**
 * ISO 3166-1 alpha-2 codes of the Allies, whose nations the service keys by
 * alpha-3. The ISO/IEC commenting template asks for alpha-2 in its MB/NC
 * column ("**" is the ISO/CS editing unit), so imports accept both and the
 * template exports write alpha-2.
 */
export const ALPHA2: Readonly<Record<string, string>> = {
  ALB: 'AL', BEL: 'BE', BGR: 'BG', CAN: 'CA', HRV: 'HR', CZE: 'CZ', DNK: 'DK', EST: 'EE', FIN: 'FI', FRA: 'FR',
  DEU: 'DE', GRC: 'GR', HUN: 'HU', ISL: 'IS', ITA: 'IT', LVA: 'LV', LTU: 'LT', LUX: 'LU', MNE: 'ME', NLD: 'NL',
  MKD: 'MK', NOR: 'NO', POL: 'PL', PRT: 'PT', ROU: 'RO', SVK: 'SK', SVN: 'SI', ESP: 'ES', SWE: 'SE', TUR: 'TR',
  GBR: 'GB', USA: 'US',
};

const ALPHA3 = new Map(Object.entries(ALPHA2).map(([a3, a2]) => [a2, a3]));

/** The alpha-2 code of an Ally's alpha-3 code (the alpha-3 itself if unknown). */
export const alpha2Of = (alpha3: string): string => ALPHA2[alpha3] ?? alpha3;

/** The alpha-3 code for "FR", "FRA" or a comment number "FR-001"; null when it names no Ally. */
export function alpha3Of(code: string): string | null {
  const c = code.trim().toUpperCase().replace(/[-\s]\d+$/, '');
  if (ALPHA2[c]) return c;
  return ALPHA3.get(c) ?? null;
}
