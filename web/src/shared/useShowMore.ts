import { useState } from 'react';

/** Runs one "next page" request at a time and remembers whether the last one failed, and whether any was loaded. */
export function useShowMore(load: () => Promise<unknown>) {
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [loadedMore, setLoadedMore] = useState(false);
  const showMore = async () => {
    if (loading) return;
    setLoading(true);
    setFailed(false);
    try {
      await load();
      setLoadedMore(true);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };
  return { loading, failed, loadedMore, showMore };
}
