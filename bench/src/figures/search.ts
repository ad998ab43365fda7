import { loadHttp, noGraphQLErrors, type HttpTarget } from '../http-load.ts';
import { CUSTOMER_SEARCH, body } from '../queries.ts';
import { spreadOf, type LoadFigures } from '../stats.ts';

/**
 * What an agent types in the search box: fragments of names (with and without
 * accents), of e-mail addresses and of phone numbers in several formats.
 */
export const SEARCH_FRAGMENTS = [
  'tremblay', 'gagn', 'lavoie', 'Côté', 'cote', 'bouch', 'smith', 'macdon', 'pelletier', 'Bérubé', 'boulangerie', 'jean.t',
  'sophie', 'videotron', 'hotmail', 'info@', '514 2', '(450) 3', '819-4', '4382', '873', '581 7',
];

/** Customer search through our gateway, one request at a time, the fragments in turn. */
export async function measureSearch(gateway: HttpTarget, runs: number, seconds: number, progress: (line: string) => void) {
  const results: LoadFigures[] = [];
  for (let run = 1; run <= runs; run += 1) {
    let next = 0;
    const figures = await loadHttp(gateway, {
      body: () => body(CUSTOMER_SEARCH, { search: SEARCH_FRAGMENTS[next++ % SEARCH_FRAGMENTS.length] }),
      check: (text) => noGraphQLErrors(text) && text.includes('"customers":{'),
    }, 1, seconds);
    progress(`run ${run}/${runs} search: p50 ${figures.p50.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms, ${figures.errors} errors`);
    results.push(figures);
  }
  return spreadOf(results);
}
