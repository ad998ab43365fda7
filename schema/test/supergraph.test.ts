import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_PATH } from '../compose.ts';

describe('supergraph', () => {
  it('composes from the subgraphs and matches the committed file (run `npm run compose` after an SDL change)', () => {
    const composed = composeSupergraph();
    expect(composed).toContain('type Customer');
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
  });
});
