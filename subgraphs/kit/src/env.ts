import { z } from 'zod';

/**
 * Parses `process.env` once against a zod schema. A bad configuration stops the
 * process with one line per offending variable instead of failing later.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    console.error(`Invalid configuration:\n${lines.join('\n')}`);
    process.exit(1);
  }
  return Object.freeze(parsed.data);
}

/** Development defaults are deliberately obvious; production sets real values. */
export const DEV_GATEWAY_SIGNING_SECRET = 'dev-only-gateway-signing-secret-change-me';

/** The variables every subgraph reads. */
export const subgraphEnvShape = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  GATEWAY_SIGNING_SECRET: z.string().min(16).default(DEV_GATEWAY_SIGNING_SECRET),
  LOG_SQL: z.stringbool().default(false),
};

/** An empty variable (`KEY=` in a compose file) counts as unset, so the schema's default applies. */
export const unsetIfEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema);
