import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const SUPERGRAPH_PATH = resolve(here, 'supergraph.graphql');

interface ComposeConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

/** Composes the subgraphs listed in supergraph.yaml; throws with every composition error. */
export function composeSupergraph(): string {
  const config = parseYaml(readFileSync(resolve(here, 'supergraph.yaml'), 'utf8')) as ComposeConfig;
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(resolve(here, subgraph.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  return result.supergraphSdl;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--write')) {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  } else {
    process.stdout.write(supergraph);
  }
}
