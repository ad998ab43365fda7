import cliProgress from 'cli-progress';
import type { ScaleBar, ScaleProgress } from '@c360/kit';

interface Row {
  tenant: string;
  table: string;
  total: number;
  handled: number;
  inserted: number;
  existing: number | null;
  /** When the table's bar opened, and when it last moved: its elapsed time in the summary. */
  started: number;
  finished: number;
}

/**
 * One bar per table and tenant, advancing with each chunk the seed sends; at
 * the end, what each table received (a rerun inserts nothing).
 */
export class SeedProgress {
  private readonly bars = new cliProgress.MultiBar({
    format: ' {tenant} {table} [{bar}] {percentage}% {value}/{total} rows, {inserted} new, {duration_formatted}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 5_000,
  }, cliProgress.Presets.shades_classic);
  private readonly rows: Row[] = [];

  forTenant(tenant: string): ScaleProgress {
    return { table: (table, total) => this.table(tenant, table, total) };
  }

  stop(): Row[] {
    this.bars.stop();
    return this.rows;
  }

  private table(tenant: string, table: string, total: number): ScaleBar {
    const now = Date.now();
    const row: Row = { tenant, table, total, handled: 0, inserted: 0, existing: null, started: now, finished: now };
    this.rows.push(row);
    const bar = this.bars.create(total, 0, { tenant: tenant.padEnd(8), table: table.padEnd(27), inserted: 0 });
    return {
      advance(rows, inserted) {
        row.handled += rows;
        row.inserted += inserted;
        row.finished = Date.now();
        bar.update(row.handled, { inserted: row.inserted });
      },
      skip(existing) {
        row.existing = existing;
        row.finished = Date.now();
        bar.setTotal(Math.max(total, existing));
        bar.update(existing, { inserted: 'already there, 0' });
      },
    };
  }
}

/**
 * The summary printed after the bars: rows, what was new, and seconds from the
 * table's bar opening to its last slice (tables of different subgraphs load at
 * the same time, so these overlap; a table's planning before its bar opens is
 * not included).
 */
export function seedSummary(rows: Row[]): string {
  const lines = rows.map((row) => `  ${row.tenant.padEnd(10)} ${row.table.padEnd(28)} ${String(row.existing ?? row.handled).padStart(10)} rows  ${
    ((row.finished - row.started) / 1000).toFixed(1).padStart(6)} s  ${row.existing === null ? `${row.inserted} inserted now` : 'already seeded'}`);
  return lines.join('\n');
}
