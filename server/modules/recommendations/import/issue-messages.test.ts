import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../platform/http/locale';
import { detectFormat } from './formats/detect';
import { parseGenericTable } from './formats/generic-table';
import { parseUhriJson } from './formats/uhri-json';
import { parseUprInfoCsv } from './formats/upr-info-csv';
import { parseUprMatrixJsonl } from './formats/upr-matrix-jsonl';
import { fileErrorReason, issueMessage } from './issue-messages';
import { importReason, REASONS, reasonText } from './reasons';
import type { ReferenceIndex } from './reference-index';
import { resolveRecord } from './resolve';
import { ImportFileError, type ParsedRecommendation, type Parser, type RowIssue } from './types';

const HEADER = 'mechanism,country,language,date,paragraph,symbol,text';
const UPR_INFO_HEADER = 'To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session';

async function issuesOf(parser: Parser, input: string): Promise<RowIssue[]> {
  return (await parser(Buffer.from(input), 'file')).issues;
}

async function fileError(attempt: Promise<unknown>): Promise<ImportFileError> {
  const error = await attempt.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

/** What the web import shows for each issue (the import report adds the file name to each). */
const shown = (issues: RowIssue[], locale: Locale) => issues.map((issue) => issueMessage({ file: 'file', ...issue } as RowIssue, { unit: 'line' }, locale));

const index: ReferenceIndex = {
  mechanisms: new Map([['upr', { id: 1, code: 'UPR' }]]),
  countries: new Map([['pry', 'PRY']]),
  terms: { theme: new Map(), affected_persons: new Map(), upr_info_issue: new Map() },
  sdgGoals: new Set([16]),
  sdgTargets: new Set(['16.2']),
  sessionYears: new Map(),
  normalise: (label) => label.trim().toLowerCase(),
};
const parsed = (fields: Partial<ParsedRecommendation>): ParsedRecommendation => ({
  line: 4, mechanism: 'UPR', kind: 'recommendation', countries: ['PRY'], language: 'es', text: 'Garantizar la educación', ...fields,
});

describe('row issues in the reader\'s language', () => {
  it('generic table: an ambiguous date and an empty mechanism', async () => {
    const issues = await issuesOf(parseGenericTable, [
      HEADER,
      'CRC,PRY,en,03/04/2023,1,CRC/C/PRY/CO/6,A text',
      ',PRY,en,2023-04-03,2,S,Another',
    ].join('\n'));
    expect(shown(issues, 'en')).toEqual([
      'Line 2, date: "03/04/2023" is ambiguous: write dates as YYYY-MM-DD',
      'Line 3, mechanism: the mechanism is empty',
    ]);
    expect(shown(issues, 'es')).toEqual([
      'Línea 2, date: la fecha "03/04/2023" es ambigua: escriba las fechas como AAAA-MM-DD',
      'Línea 3, mechanism: el mecanismo está vacío',
    ]);
    expect(shown(issues, 'fr')).toEqual([
      'Ligne 2, date : la date "03/04/2023" est ambiguë : écrivez les dates au format AAAA-MM-JJ',
      'Ligne 3, mechanism : le mécanisme est vide',
    ]);
  });

  it('UPR Info CSV: an empty Text and an unknown response, under the published column names', async () => {
    const issues = await issuesOf(parseUprInfoCsv, [
      UPR_INFO_HEADER,
      'Paraguay,GRULAC,,,Chile,GRULAC,,Accepted,5,Justice,10',
      'Paraguay,GRULAC,,Some text,Chile,GRULAC,,Rejected?,,Justice,10',
    ].join('\r'));
    expect(shown(issues, 'es')).toEqual([
      'Línea 2, Text: Text está vacío',
      'Línea 3, Response: no se reconoce la respuesta "Rejected?" (valores admitidos: Accepted, Noted o Voluntary Pledge)',
    ]);
    expect(shown(issues, 'fr')).toEqual([
      'Ligne 2, Text : Text est vide',
      'Ligne 3, Response : la réponse "Rejected?" est inconnue (valeurs admises : Accepted, Noted ou Voluntary Pledge)',
    ]);
  });

  it('UHRI JSON: a record without its recommending body', async () => {
    const issues = await issuesOf(parseUhriJson, JSON.stringify([
      { AnnotationId: 'x-1', AnnotationType: 'Recommendations', Body: null, Countries: ['Paraguay'], Text: 'Adopt a law' },
    ]));
    expect(shown(issues, 'es')).toEqual(['Línea 1, Body: falta Body (el órgano que formula la recomendación)']);
    expect(shown(issues, 'fr')).toEqual(["Ligne 1, Body : il manque Body (l'organe auteur de la recommandation)"]);
    expect(shown(issues, 'pt')).toEqual(['Linha 1, Body: falta Body (o órgão que faz a recomendação)']);
  });

  it('UPR matrix JSON lines: an unknown position, and a line that is not JSON (the reader\'s own words inside)', async () => {
    const issues = await issuesOf(parseUprMatrixJsonl, [
      JSON.stringify({ state_under_review: 'Paraguay', text: 'Adopt a law', position: 'Pending' }),
      '{"state_under_review": "Paraguay", "text": "cut',
    ].join('\n'));
    const [position, line] = shown(issues, 'es');
    expect(position).toBe('Línea 1, position: no se reconoce la posición "Pending" (valores admitidos: Supported o Noted)');
    expect(line).toMatch(/^Línea 2, line: no es JSON válido \(.+\)$/);
    expect(shown(issues, 'fr')[1]).toMatch(/^Ligne 2, line : ce n'est pas du JSON valide \(.+\)$/);
  });

  it('resolving: an unknown mechanism and State, an invalid language and SDG', () => {
    const issues = resolveRecord(parsed({ mechanism: 'NOPE', countries: ['ATLANTIS'], language: 'spanish', sdgs: ['99.9'] }), index, 'csv');
    expect(Array.isArray(issues)).toBe(true);
    expect(shown(issues as RowIssue[], 'es')).toEqual([
      'Línea 4, mechanism: no se reconoce el mecanismo "NOPE"',
      'Línea 4, country: no se reconoce el país "ATLANTIS"',
      'Línea 4, language: "spanish" no es un código de idioma de dos letras',
      'Línea 4, sdgs: "99.9" no es un objetivo ni una meta de los ODS',
    ]);
    expect(shown(issues as RowIssue[], 'fr')).toEqual([
      'Ligne 4, mechanism : le mécanisme "NOPE" est inconnu',
      'Ligne 4, country : le pays "ATLANTIS" est inconnu',
      'Ligne 4, language : "spanish" n\'est pas un code de langue à deux lettres',
      'Ligne 4, sdgs : "99.9" n\'est ni un objectif ni une cible des ODD',
    ]);
  });

  it('every issue of a messy file is one of the catalogue\'s reasons', async () => {
    const issues = [
      ...(await issuesOf(parseGenericTable, [
        `${HEADER},position,kind,sdgs,cycle,session,external_id`,
        'CRC,PRY,en,03/04/2023,1,S,A text,,,,,,a',
        'CRC,,,12,2,S,,Maybe,advice,PEACE,third,x,a',
        'CRC,PRY,xx,2023-02-30,3,S,Text,,,,,,',
      ].join('\n'))),
      ...(await issuesOf(parseUprInfoCsv, `${UPR_INFO_HEADER}\n,GRULAC,,Text,Chile,,,Accepted,7,Justice,ten`)),
      ...(await issuesOf(parseUhriJson, JSON.stringify([{
        AnnotationId: '', AnnotationType: 'Good practices', Body: 'CRC', Countries: [], PublicationDate: '25/10/2022',
        Sdgs: ['PEACE'], UprSession: ['Spring'], UprCycle: 'x', UprPositions: ['Pending'], Text: '12.',
      }, 42]))),
      ...(await issuesOf(parseUprMatrixJsonl, [
        JSON.stringify({ state_under_review: '', text: ' ', session: 'spring', cycle: 'x', sdgs: ['PEACE'] }),
        '[1, 2]',
      ].join('\n'))),
      ...(resolveRecord(parsed({ mechanism: '', countries: [], recommendingStates: ['Narnia'], text: '', date: '2023-13-45',
        session: 999, cycle: 99, uprInfoAction: 9 }), index, 'csv') as RowIssue[]),
    ];
    expect(issues.length).toBeGreaterThan(30);
    for (const issue of issues) {
      const english = reasonText(issue.reason);
      expect(REASONS[issue.reason.code], english).toBeDefined();
      expect(issueMessage(issue, { unit: 'line' }, 'es'), english).not.toContain(english);
    }
  });
});

describe('file errors in the reader\'s language', () => {
  it('an empty file', async () => {
    const error = await fileError(detectFormat(Buffer.alloc(0), 'empty.csv'));
    expect(error.message).toBe('the file is empty');
    expect(error.code).toBe('file_empty');
    expect(fileErrorReason(error, 'es')).toBe('el archivo está vacío');
    expect(fileErrorReason(error, 'fr')).toBe('le fichier est vide');
    expect(fileErrorReason(error, 'en')).toBe('the file is empty');
  });

  it('a CSV that ends inside a quoted cell', async () => {
    const error = await fileError(parseGenericTable(Buffer.from(`${HEADER}\nCRC,PRY,en,2023-04-03,1,S,ok\nCRC,PRY,en,2023-04-03,2,S,"cut`), 'cut.csv'));
    expect(error).toMatchObject({ code: 'csv_unclosed_quote', params: { line: '3' } });
    expect(fileErrorReason(error, 'es')).toBe(
      'el archivo termina dentro de una celda entre comillas que empieza en la línea 3 (falta una comilla de cierre o el archivo está truncado)',
    );
    expect(fileErrorReason(error, 'fr')).toBe(
      "le fichier se termine à l'intérieur d'une cellule entre guillemets qui commence à la ligne 3 (guillemet fermant manquant ou fichier tronqué)",
    );
  });

  it('a truncated UHRI JSON export, and JSON that is not an export (the parser\'s own words inside)', async () => {
    const truncated = await fileError(parseUhriJson(Buffer.from('[{"AnnotationId": "1", "Text": "abc'), 'export.json'));
    expect(fileErrorReason(truncated, 'es')).toBe(
      'el archivo está truncado o no es JSON válido (termina antes del primer registro, antes del "]" de cierre)',
    );
    const broken = await fileError(parseUhriJson(Buffer.from('{"AnnotationId": '), 'export.json'));
    expect(broken.code).toBe('json_invalid');
    expect(fileErrorReason(broken, 'fr')).toBe(`le fichier est tronqué ou n'est pas du JSON valide (${broken.params.detail})`);
  });

  it('a header without the required columns', async () => {
    const error = await fileError(parseGenericTable(Buffer.from('mechanism,country,texto\nCRC,PRY,Texto'), 'table.csv'));
    expect(fileErrorReason(error, 'es')).toBe(
      'al encabezado le faltan las columnas obligatorias language, date, paragraph, symbol, text ' +
        '(se esperaban: mechanism, country, language, date, paragraph, symbol, text; encontradas: mechanism, country, texto)',
    );
  });

  it('the reason the import itself gives, and a message outside the catalogue', () => {
    expect(fileErrorReason(new ImportFileError(importReason('no_recommendations')), 'fr')).toBe('le fichier ne contient aucune recommandation');
    const other = new ImportFileError('the disk is full');
    expect(other.code).toBeNull();
    expect(fileErrorReason(other, 'es')).toBe('the disk is full');
  });
});
