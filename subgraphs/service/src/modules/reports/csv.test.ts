import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(csvCell('123 rue Principale')).toBe('123 rue Principale');
    expect(csvCell('Granby, QC')).toBe('"Granby, QC"');
    expect(csvCell('Le "Gîte"')).toBe('"Le ""Gîte"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('keeps phone numbers but defuses formulas', () => {
    expect(csvCell('+14502722408')).toBe('+14502722408');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
  });

  it('writes a BOM, a header and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, 'é']])).toBe('\uFEFFa,b\r\n1,é\r\n');
  });
});
