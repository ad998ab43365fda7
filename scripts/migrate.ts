/** `npm run migrate`: roles, schemas, bus and migrations on DATABASE_URL (an administrator URL), plus demo data unless DEMO_DATA=false. */
import { prepareDatabase } from './system.ts';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('DATABASE_URL (an administrator connection URL) is required');
  process.exit(2);
}
await prepareDatabase(adminUrl, { demo: process.env.DEMO_DATA !== 'false', log: console.log });
