/**
 * `npm run seed:scale -- --scale <n> --tenant <slug>`: deterministic data the
 * size of the reference ISP times n into a tenant (default `scale`), plus
 * `<slug>-b` with a tenth of it, in the same database as `npm start`
 * (DATABASE_URL, or the embedded PostgreSQL in .data/postgres). A rerun adds
 * nothing.
 */
import { openLocalDatabase } from '@c360/scripts/local-database';
import { prepareDatabase } from '@c360/scripts/system';
import { parseArgs, positiveNumber } from './src/args.ts';
import { scalePlans, seedScaleData } from './src/seed.ts';

const args = parseArgs({ scale: '1', tenant: 'scale' });
const scale = positiveNumber(args.scale, 'scale');
const started = Date.now();
const database = await openLocalDatabase(console.log);
try {
  await prepareDatabase(database.adminUrl, { demo: false, log: console.log });
  await seedScaleData(database.adminUrl, scalePlans(args.tenant, scale));
  console.log(`\nscale ${scale} seeded into tenants ${args.tenant} and ${args.tenant}-b in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await database.stop();
}
