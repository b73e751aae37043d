/**
 * An external standard as people cite it: "ISO 19389:2014", "CCSDS 505.0-B",
 * "EN 16603-10". The catalogue's designations mostly carry their body already;
 * the body is prefixed only where they do not ("ECSS" + "E-ST-70-41C").
 */
export function externalName(e: { body: string; designation: string }): string {
  const d = e.designation.toUpperCase();
  const b = e.body.toUpperCase();
  return d.startsWith(`${b} `) || d.startsWith(`${b}-`) ? e.designation : `${e.body} ${e.designation}`;
}
