/** `npm run -s token -- --tenant demo --role admin [--role billing] [--subject alice] [--expires 12h]`: prints a token alone on stdout. */
import { parseArgs } from 'node:util';
import { issueToken, ROLES } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    role: { type: 'string', multiple: true },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

if (!values.tenant) {
  console.error('usage: npm run -s token -- --tenant <slug> --role <role> [--role <role>] [--subject <id>] [--expires 12h]');
  process.exit(2);
}
const roles = values.role ?? ['viewer'];
const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
if (unknown.length > 0) {
  console.error(`unknown role(s): ${unknown.join(', ')}; known roles: ${ROLES.join(', ')}`);
  process.exit(2);
}
console.log(await issueToken({
  tenant: values.tenant,
  subject: values.subject ?? `${values.tenant}-${roles[0]}`,
  roles,
  secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
  expiresIn: values.expires,
}));
