import { useShowMore } from './useShowMore.ts';

interface ShowMoreProps {
  shown: number;
  total: number;
  hasMore: boolean;
  /** Fetches the next page; the list grows in place when it arrives. */
  load: () => Promise<unknown>;
  noun: string;
}

/**
 * "Showing 10 of 42 invoices · Show more": the next page of a list, appended
 * where it is. A list that fits on its first page needs no such line.
 */
export function ShowMore({ shown, total, hasMore, load, noun }: ShowMoreProps) {
  const { loading, failed, loadedMore, showMore } = useShowMore(load);
  if (!hasMore && !loadedMore && !failed) return null;
  return (
    <div className="show-more">
      <span aria-live="polite">Showing {shown} of {total} {noun}</span>
      {hasMore && (
        <button type="button" onClick={showMore} disabled={loading}>
          {loading ? 'Loading…' : `Show more ${noun}`}
        </button>
      )}
      {failed && <span className="error-text" role="alert">Could not load more {noun}; try again.</span>}
    </div>
  );
}
