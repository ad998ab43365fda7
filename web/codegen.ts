import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';

/** A path from this file's folder: codegen runs the same from the CLI and inside Vite, wherever they start. */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The schema clients see: the committed supergraph without its federation
 * plumbing (`join__`/`link__` types and directives, `@inaccessible` parts),
 * derived the way the gateway derives the schema it serves. Offline, from the file.
 */
const supergraph = readFileSync(here('../schema/supergraph.graphql'), 'utf8');
const apiSchema = printSchema(Supergraph.build(supergraph).apiSchema());

/**
 * Types every operation of the app (the `graphql()` calls in src/) from that
 * schema, into src/generated/ (git-ignored, written before typecheck, tests,
 * build and dev). An operation that does not fit the schema fails here.
 */
const config: CodegenConfig = {
  schema: apiSchema,
  documents: [here('src/**/*.{ts,tsx,graphql}'), `!${here('src/**/*.test.{ts,tsx}')}`, `!${here('src/generated/**')}`],
  generates: {
    [here('src/generated/')]: {
      preset: clientPreset,
      // Fragments are shared shapes here, not per-component data masks: results carry their fields.
      presetConfig: { fragmentMasking: false },
      config: {
        // String unions, not TS enums: the app runs under type stripping (erasableSyntaxOnly).
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: '.ts',
        // A field that may be null is always present in a result (null), never left out.
        avoidOptionals: { field: true },
        strictScalars: true,
        // ISO-8601 text as the API sends it (GUIDE §4).
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
  },
};

export default config;
