import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { composeServices, type CompositionSuccess } from '@apollo/composition';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { parse as parseYaml } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const SUPERGRAPH_PATH = resolve(here, 'supergraph.graphql');

interface ComposeConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

/** Composes the subgraphs listed in supergraph.yaml; throws with every composition error. */
export function compose(): CompositionSuccess {
  const config = parseYaml(readFileSync(resolve(here, 'supergraph.yaml'), 'utf8')) as ComposeConfig;
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(resolve(here, subgraph.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  return result;
}

/** The supergraph SDL, as committed in supergraph.graphql. */
export const composeSupergraph = (): string => compose().supergraphSdl;

/**
 * The API clients see: the supergraph without federation's internals (`join__*`, `link__*`, `_entities`,
 * `_service`). Built from its AST with the caller's `graphql`, so that its types pass that module's checks.
 */
export const composeApiSchema = (): GraphQLSchema => buildASTSchema(compose().schema.toAPISchema().toAST());

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--write')) {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  } else {
    process.stdout.write(supergraph);
  }
}
