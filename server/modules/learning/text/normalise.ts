/**
 * Text normalisation shared by label suggestions and by recurrence and duplicate detection.
 *
 * normalise(text) folds Arabic as search does (harakat and tatweel dropped, أ إ آ ٱ → ا, ى → ي, ة → ه,
 * ؤ → و, ئ → ي: platform/arabic-folding.ts), lower-cases, folds accents (é → e, ç → c, ñ → n, œ → oe), turns every character
 * that is not a letter or a digit into a space, and maps each human-rights treaty (and the
 * committee that monitors it) to one token, whether it is written as an acronym (CAT, OP-CAT,
 * PIDESC…) or by its full name in English, Spanish, French or Portuguese. "Ratify the Convention
 * against Torture" and "ratify CAT" both become "ratify the cat"; "Protocolo Facultativo de la
 * Convención contra la Tortura" becomes "opcat".
 *
 * The treaty tokens (TREATY_TOKENS) are plain lower-case words without digits-only parts, so the
 * tokeniser keeps them whole; stemming leaves them alone (isTreatyToken).
 */

import { foldArabic } from '../../../platform/arabic-folding';

/** The one token each treaty maps to. */
export const TREATY_TOKENS = [
  'cat',
  'opcat',
  'icrmw',
  'cedaw',
  'opcedaw',
  'crc',
  'opcrcsc',
  'opcrcac',
  'opcrcic',
  'cerd',
  'crpd',
  'opcrpd',
  'ced',
  'iccpr',
  'iccprop1',
  'iccprop2',
  'icescr',
  'opicescr',
] as const;

export type TreatyToken = (typeof TREATY_TOKENS)[number];

const treatyTokenSet: ReadonlySet<string> = new Set(TREATY_TOKENS);

export function isTreatyToken(token: string): boolean {
  return treatyTokenSet.has(token);
}

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

/** Lower case, accents (and Arabic) folded, anything but letters and digits a single space, trimmed. */
export function foldText(text: string): string {
  return twin(text).folded.replace(/ {2,}/g, ' ').trim();
}

// Patterns below run on folded text: lower case, no accents, single spaces, no punctuation.
// Each is wrapped in word boundaries by `phrase`.
const phrase = (source: string): RegExp => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`, 'g');

/** "and other cruel, inhuman or degrading treatment or punishment" in four languages, optional. */
const TORTURE_TAIL =
  '(?: (?:and|y|et|e) (?:other|otros|autres|outros) (?:cruel|tratos|peines|tratamentos|penas)[a-z ]{0,50}? (?:punishment|degradantes|degradants))?';

const ALL_FORMS = '(?:all forms|todas las formas|toutes les formes|todas as formas)';

/** Full names of the conventions and covenants, and of their committees. Longest first where they overlap. */
const FULL_NAMES: [RegExp, TreatyToken][] = [
  // Torture
  [
    phrase(
      `(?:un |united nations )?(?:convention against torture|convencion contra la tortura|convention contre la torture|convencao contra a tortura)${TORTURE_TAIL}`,
    ),
    'cat',
  ],
  [phrase('(?:committee against torture|comite contra la tortura|comite contre la torture|comite contra a tortura)'), 'cat'],
  [
    phrase(
      '(?:subcommittee on (?:the )?prevention of torture|subcomite para la prevencion de la tortura|sous comite pour la prevention de la torture|subcomite (?:de|para a) prevencao da tortura)',
    ),
    'opcat',
  ],
  // Migrant workers
  [
    phrase(
      '(?:international convention on the protection of (?:the )?rights of all migrant workers and (?:members of )?their famil(?:y|ies)' +
        '|convencion internacional sobre la proteccion de los derechos de todos los trabajadores migratorios y de (?:los miembros de )?sus familia(?:s|res)' +
        '|convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille' +
        '|convencao internacional sobre a protecao dos direitos de todos os trabalhadores migrantes e dos membros das suas familias' +
        '|(?:convention|convencion|convencao) (?:on|sobre|sur) (?:the |los |les |os )?(?:rights of )?(?:migrant workers|trabajadores migratorios|travailleurs migrants|trabalhadores migrantes))',
    ),
    'icrmw',
  ],
  [
    phrase(
      '(?:committee on (?:the protection of the rights of all )?migrant workers(?: and members of their families)?|comite de (?:proteccion de los derechos de todos los )?trabajadores migratorios|comite des travailleurs migrants)',
    ),
    'icrmw',
  ],
  // Women
  [
    phrase(
      `(?:convention on the elimination of ${ALL_FORMS} of discrimination against women` +
        `|convencion sobre la eliminacion de ${ALL_FORMS} de discriminacion contra la mujer` +
        `|convention sur l elimination de ${ALL_FORMS} de discrimination a l egard des femmes` +
        `|convencao sobre a eliminacao de ${ALL_FORMS} de discriminacao contra (?:as )?mulher(?:es)?)`,
    ),
    'cedaw',
  ],
  [
    phrase(
      '(?:committee on the elimination of discrimination against women|comite para la eliminacion de la discriminacion contra la mujer|comite pour l elimination de la discrimination a l egard des femmes|comite (?:para|sobre) a eliminacao da discriminacao contra (?:as )?mulher(?:es)?)',
    ),
    'cedaw',
  ],
  // Racial discrimination (before the women's patterns could not overlap; "racial" makes it distinct)
  [
    phrase(
      `(?:international convention on the elimination of ${ALL_FORMS} of racial discrimination` +
        `|convencion internacional sobre la eliminacion de ${ALL_FORMS} de discriminacion racial` +
        `|convention internationale sur l elimination de ${ALL_FORMS} de discrimination raciale` +
        `|convencao internacional sobre a eliminacao de ${ALL_FORMS} de discriminacao racial)`,
    ),
    'cerd',
  ],
  [
    phrase(
      '(?:committee on the elimination of racial discrimination|comite para la eliminacion de la discriminacion racial|comite pour l elimination de la discrimination raciale|comite (?:para|sobre) a eliminacao da discriminacao racial)',
    ),
    'cerd',
  ],
  // Children
  [
    phrase(
      '(?:un |united nations )?(?:convention on the rights of the child|convencion (?:sobre|de) los derechos del nino|convention (?:relative aux|des|sur les) droits de l enfant|convencao (?:sobre|dos) (?:os )?direitos da crianca)',
    ),
    'crc',
  ],
  [
    phrase(
      '(?:committee on the rights of the child|comite de los derechos del nino|comite des droits de l enfant|comite dos direitos da crianca)',
    ),
    'crc',
  ],
  // Disabilities
  [
    phrase(
      '(?:convention on the rights of persons with disabilities|convencion sobre los derechos de las personas con discapacidad|convention relative aux droits des personnes handicapees|convencao sobre os direitos das pessoas com deficiencia)',
    ),
    'crpd',
  ],
  [
    phrase(
      '(?:committee on the rights of persons with disabilities|comite sobre los derechos de las personas con discapacidad|comite des droits des personnes handicapees|comite sobre os direitos das pessoas com deficiencia)',
    ),
    'crpd',
  ],
  // Enforced disappearance
  [
    phrase(
      '(?:international convention for the protection of all persons from enforced disappearance' +
        '|convencion internacional para la proteccion de todas las personas contra las desapariciones forzadas' +
        '|convention internationale pour la protection de toutes les personnes contre les disparitions forcees' +
        '|convencao internacional para a protecao de todas as pessoas contra o desaparecimento forcado' +
        '|(?:convention|convencion|convencao) (?:on|sobre|sur) (?:enforced disappearances?|desapariciones forzadas|les disparitions forcees|desaparecimentos? forcados?))',
    ),
    'ced',
  ],
  [
    phrase(
      '(?:committee on enforced disappearances|comite contra la desaparicion forzada|comite des disparitions forcees|comite contra o desaparecimento forcado)',
    ),
    'ced',
  ],
  // Covenants
  [
    phrase(
      '(?:international covenant on civil and political rights|pacto internacional de derechos civiles y politicos|pacte international relatif aux droits civils et politiques|pacto internacional (?:sobre os|dos) direitos civis e politicos)',
    ),
    'iccpr',
  ],
  [
    phrase(
      `(?:international covenant on economic social and cultural rights|pacto internacional de derechos economicos sociales y culturales|pacte international relatif aux droits economiques sociaux et culturels|pacto internacional (?:sobre os|dos) direitos economicos sociais e culturais)`,
    ),
    'icescr',
  ],
  [
    phrase(
      '(?:committee on economic social and cultural rights|comite de derechos economicos sociales y culturales|comite des droits economiques sociaux et culturels|comite dos direitos economicos sociais e culturais)',
    ),
    'icescr',
  ],
];

/** Acronyms and their usual variants (folded: "OP-CAT" arrives as "op cat"). */
const ACRONYMS: [RegExp, TreatyToken][] = [
  [phrase('op ?cat'), 'opcat'],
  [phrase('op ?cedaw'), 'opcedaw'],
  [phrase('op ?crc ?sc|op ?sc|opsc|crc ?op ?sc'), 'opcrcsc'],
  [phrase('op ?crc ?ac|op ?ac|opac|crc ?op ?ac'), 'opcrcac'],
  [phrase('op ?crc ?ic|op ?ic|opic|crc ?op ?ic|op3 ?crc'), 'opcrcic'],
  [phrase('op ?crpd'), 'opcrpd'],
  [phrase('op ?icescr|op ?pidesc'), 'opicescr'],
  [phrase('iccpr ?op ?2|op ?2 ?iccpr|second op ?iccpr|iccpr ?op2|op2 ?iccpr'), 'iccprop2'],
  [phrase('iccpr ?op ?1|op ?1 ?iccpr|first op ?iccpr|iccpr ?op1|op1 ?iccpr'), 'iccprop1'],
  [phrase('icrmw|icmw|cmw|mwc|icpmw'), 'icrmw'],
  [phrase('cedaw|cedef|cetfdcm'), 'cedaw'],
  [phrase('icerd|cerd|ciedr'), 'cerd'],
  [phrase('crpd|cdpd'), 'crpd'],
  [phrase('icpped|cped|ced'), 'ced'],
  [phrase('iccpr|ccpr|pidcp'), 'iccpr'],
  [phrase('icescr|cescr|pidesc'), 'icescr'],
  [phrase('crc|cdn|cde'), 'crc'],
  [phrase('cat'), 'cat'],
];

/** "the optional protocol to <treaty>" → the protocol's own token. Runs after the names above. */
const OP = '(?:(?:first |1st )?optional protocol|protocolo facultativo|protocole facultatif)';
const TO =
  '(?: (?:to|of|de|del|du|a|al|au|da|do|se rapportant a|se rapportant au|relativo a|relativo al|relatif a|relatif au))?(?: (?:the|la|el|le|o|a))?';
const PROTOCOLS: [RegExp, TreatyToken][] = [
  [
    phrase(
      `${OP}${TO} crc (?:on|relativo a|concernant|sobre)? ?(?:the |la |a )?(?:sale of children|venta de ninos|vente d enfants|venda de criancas)[a-z ]{0,60}?(?:pornography|pornografia|pornographie)(?: infantil| infantile| enfantine| mettant en scene des enfants)?`,
    ),
    'opcrcsc',
  ],
  [
    phrase(
      `${OP}${TO} crc (?:on|relativo a|concernant|sobre)? ?(?:the |la |l )?(?:involvement of children in armed conflicts?|participacion de ninos en (?:los )?conflictos armados|implication d enfants dans les conflits armes|envolvimento de criancas em conflitos armados)`,
    ),
    'opcrcac',
  ],
  [
    phrase(
      `${OP}${TO} crc (?:on|relativo a|relatif a|sobre)? ?(?:a |the |un |um )?(?:communications? procedure|procedimiento de comunicaciones|procedure de presentation de communications|procedimento de comunicacoes?)`,
    ),
    'opcrcic',
  ],
  [phrase(`(?:second optional protocol|segundo protocolo facultativo|deuxieme protocole facultatif)${TO} iccpr`), 'iccprop2'],
  [phrase(`${OP}${TO} iccpr`), 'iccprop1'],
  [phrase(`${OP}${TO} cat`), 'opcat'],
  [phrase(`${OP}${TO} cedaw`), 'opcedaw'],
  [phrase(`${OP}${TO} crpd`), 'opcrpd'],
  [phrase(`${OP}${TO} icescr`), 'opicescr'],
];

/** A text in two forms of the same length and the same spaces: folded, and lower case with its accents. */
interface Twin {
  folded: string;
  accented: string;
}

function twin(text: string): Twin {
  let folded = ' ';
  let accented = ' ';
  // Arabic first: its harakat are marks on their own, which would otherwise cut a word in pieces.
  for (const char of foldArabic(text).toLowerCase().normalize('NFC')) {
    const expanded = LIGATURES[char];
    const base = expanded ?? char.normalize('NFKD').replace(/\p{M}+/gu, '');
    if (!/^[\p{L}\p{N}]+$/u.test(base)) {
      if (!folded.endsWith(' ')) {
        folded += ' ';
        accented += ' ';
      }
      continue;
    }
    folded += base;
    accented += base.length === 1 && char.length === 1 && !expanded ? char : base;
  }
  return { folded: `${folded} `, accented: `${accented} ` };
}

/** Replaces each match of pattern in the folded form, and the same span of the accented one, by token. */
function replaceTwin(text: Twin, pattern: RegExp, token: string): Twin {
  let folded = '';
  let accented = '';
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text.folded); m; m = pattern.exec(text.folded)) {
    folded += text.folded.slice(last, m.index) + token;
    accented += text.accented.slice(last, m.index) + token;
    last = m.index + m[0].length;
  }
  if (last === 0) return text;
  return { folded: folded + text.folded.slice(last), accented: accented + text.accented.slice(last) };
}

function mapTreaties(text: string): Twin {
  let t = twin(text);
  for (const [pattern, token] of FULL_NAMES) t = replaceTwin(t, pattern, token);
  for (const [pattern, token] of ACRONYMS) t = replaceTwin(t, pattern, token);
  for (const [pattern, token] of PROTOCOLS) t = replaceTwin(t, pattern, token);
  const tidy = (s: string) => s.replace(/ {2,}/g, ' ').trim();
  return { folded: tidy(t.folded), accented: tidy(t.accented) };
}

/**
 * Folded text with every treaty, committee and optional protocol named by its one token.
 * Idempotent: normalise(normalise(x)) === normalise(x).
 */
export function normalise(text: string): string {
  return mapTreaties(text).folded;
}

/**
 * normalise() keeping the accents (lower case, treaties mapped): word for word the same as
 * normalise(text), for stemmers that need the accents (Spanish "-ación", Portuguese "-ção").
 */
export function normaliseKeepingAccents(text: string): string {
  return mapTreaties(text).accented;
}

/** The words of a normalised text, in order (letters and digits; single letters dropped). */
export function tokenise(normalised: string): string[] {
  const tokens: string[] = [];
  for (const token of normalised.split(' ')) if (token.length > 1) tokens.push(token);
  return tokens;
}
