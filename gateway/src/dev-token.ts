import type http from 'node:http';
import { z } from 'zod';
import { demoPlan, type Routes } from '@c360/kit';
import { issueToken, ROLES } from './auth.ts';

/** Where the ops app asks for a development token (proxied by its dev server, so same origin). */
export const DEV_TOKEN_PATH = '/auth/dev-token';

const MAX_BODY_BYTES = 4096;

const requestSchema = z.object({
  /** Any well-formed tenant id: tests sign in to throw-away tenants, the sign-in page offers the demo ones. */
  tenant: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'must be a tenant id (letters, digits, _ and -)'),
  role: z.enum(ROLES),
});

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  // Decoded once whole: a character split across two chunks stays intact.
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Development sign-in for the ops app: `POST {tenant, role}` → `{token}`, a
 * person's token exactly like `npm run token` issues. Anyone who can reach it
 * can become an admin of any tenant, so the gateway mounts it only when
 * DEV_TOKENS=true (which only `npm start` sets). `GET` lists what the sign-in
 * page offers: the demo tenants and the roles.
 */
export function devTokenRoutes(secret: string): Routes {
  return {
    [DEV_TOKEN_PATH]: async (req, res) => {
      if (req.method === 'GET') {
        return send(res, 200, { tenants: demoPlan().map(({ id, name }) => ({ id, name })), roles: ROLES });
      }
      if (req.method !== 'POST') {
        res.setHeader('allow', 'GET, POST');
        return send(res, 405, { error: 'Use POST with {"tenant", "role"}' });
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, { error: 'Request body too large' });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return send(res, 400, { error: 'Request body is not valid JSON' });
      }
      const parsed = requestSchema.safeParse(json);
      if (!parsed.success) {
        return send(res, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      }
      const { tenant, role } = parsed.data;
      const token = await issueToken({ tenant, subject: `dev-${role}@${tenant}`, roles: [role], secret });
      return send(res, 200, { token });
    },
  };
}
