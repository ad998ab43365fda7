import { expect, it } from 'vitest';
import { csvBlob } from './download.ts';

it('makes a UTF-8 file of the CSV text, byte-order mark and accents included', async () => {
  const content = '\uFEFFdid,client\r\n+18195550451,Côté\r\n';
  const blob = csvBlob({ filename: 'did-report.csv', contentType: 'text/csv; charset=utf-8', rowCount: 1, content });
  expect(blob.type).toMatch(/^text\/csv; ?charset=utf-8$/);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(content);
});
