import type { ReactNode } from 'react';

/** A few headline figures side by side, each named. */
export function StatTiles({ tiles, label }: { tiles: readonly { name: string; value: ReactNode; tone?: 'bad' }[]; label: string }) {
  return (
    <dl className="stat-tiles" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.name} className={`stat-tile${tile.tone ? ` stat-${tile.tone}` : ''}`}>
          <dt>{tile.name}</dt>
          <dd>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}
