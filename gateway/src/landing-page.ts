import type { ApolloServerPlugin } from '@apollo/server';

/** The example in the README: a customer's whole picture from four subgraphs in one query. */
export const EXAMPLE_QUERY = `query Customer360($id: ID!) {
  customer(id: $id) {
    name phone email status version
    balance { amount currency }
    invoices(first: 5) { totalCount edges { node { number status total { amount currency } } } }
    payments(first: 5) { totalCount edges { node { amount { amount } method receivedAt } } }
    locations {
      address { number street city postalCode } connectionType
      equipment { kind model serial macAddress }
      tickets(first: 3) { totalCount edges { node { number subject status } } }
    }
    openTicketCount
    tickets(first: 5) { totalCount edges { node { number subject status createdAt } } }
  }
}`;

/**
 * A small self-contained query page (no CDN, works offline): paste a token from
 * `npm run -s token`, write a query, run it.
 */
const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer 360 graph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-rows:auto 1fr;height:100vh}
 header{padding:8px 12px;background:#12324a;color:#fff;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
 header label{display:flex;gap:4px;align-items:center}
 main{display:grid;grid-template-columns:1fr 1fr;gap:8px;padding:8px;min-height:0}
 textarea,pre{font:13px ui-monospace,monospace;margin:0;border:1px solid #aab;border-radius:4px;padding:8px;overflow:auto}
 .col{display:grid;grid-template-rows:2fr 1fr;gap:8px;min-height:0}
 button{font:inherit;padding:4px 12px}
 input{font:inherit;width:24em}
</style></head><body>
<header><strong>Customer 360 graph</strong>
 <label>Bearer token <input id="token" placeholder="npm run -s token -- --tenant demo --role admin"></label>
 <button id="run">Run (Ctrl+Enter)</button></header>
<main><div class="col"><textarea id="query" aria-label="Query" spellcheck="false"></textarea>
<textarea id="variables" aria-label="Variables (JSON)" spellcheck="false">{"id": ""}</textarea></div>
<pre id="result" aria-live="polite"></pre></main>
<script>
const $ = (id) => document.getElementById(id);
$('query').value = localStorage.getItem('c360.query') || ${JSON.stringify(EXAMPLE_QUERY)};
$('token').value = sessionStorage.getItem('c360.token') || '';
async function run() {
  localStorage.setItem('c360.query', $('query').value);
  sessionStorage.setItem('c360.token', $('token').value.trim());
  let variables = {};
  try { variables = JSON.parse($('variables').value || '{}'); } catch { $('result').textContent = 'Variables are not valid JSON'; return; }
  const response = await fetch(location.pathname, { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + $('token').value.trim() },
    body: JSON.stringify({ query: $('query').value, variables }) });
  $('result').textContent = JSON.stringify(await response.json(), null, 2);
}
$('run').onclick = run;
document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
</script></body></html>`;

export const offlineLandingPage = (): ApolloServerPlugin => ({
  async serverWillStart() {
    return { async renderLandingPage() { return { html }; } };
  },
});
