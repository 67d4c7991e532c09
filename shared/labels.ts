/**
 * Normalisation of labels as sources write them (UHRI, UPR Info, OHCHR
 * matrices, spreadsheets), so that spelling drift maps to one alias key:
 * "- Budget &resources", "budget & resources" and "Budget and Resources*" all
 * normalise to "budget and resources".
 */
export function normaliseLabel(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // accents
    .replace(/^\s*-\s+/, '') // UHRI "- " prefix
    .replace(/\*+/g, '') // UHRI footnote asterisks
    .replace(/^[A-Z]\d{1,2}\s+(?=\S)/, '') // old coded UHRI themes: "A12 Acceptance of …"
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’`]/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
