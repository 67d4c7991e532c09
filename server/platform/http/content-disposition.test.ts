import { describe, expect, it } from 'vitest';
import { attachment } from './content-disposition';

describe('attachment', () => {
  it('names the file as a token, quoted, or with its exact UTF-8 name beside a Latin-1 fallback', () => {
    expect(attachment('actions.csv')).toBe('attachment; filename=actions.csv');
    expect(attachment('informe final.docx')).toBe('attachment; filename="informe final.docx"');
    expect(attachment('año "2024".pdf')).toBe('attachment; filename="año \\"2024\\".pdf"');
    expect(attachment('Ley 1234 — publicada.pdf')).toBe(
      'attachment; filename="Ley 1234 ? publicada.pdf"; filename*=UTF-8\'\'Ley%201234%20%E2%80%94%20publicada.pdf');
    expect(attachment('../../etc/passwd')).toBe('attachment; filename=passwd');
    expect(attachment('')).toBe('attachment; filename=download');
  });
});
