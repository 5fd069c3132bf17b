import { useCallback, useEffect, useState, type DependencyList } from "react";
import type { Page } from "../api/types";
import { useAsync } from "./useAsync";

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  busy: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
}

/** A keyset-paginated list: the first page when the inputs change, more on demand. */
export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, deps: DependencyList): Paged<T> {
  const first = useAsync(() => fetchPage(undefined), deps);
  const [extra, setExtra] = useState<{ items: T[]; cursor: string | null; busy: boolean; error: unknown }>({
    items: [], cursor: null, busy: false, error: null,
  });
  useEffect(() => setExtra({ items: [], cursor: first.data?.next_cursor ?? null, busy: false, error: null }), [first.data]);
  const loadMore = useCallback(async () => {
    if (!extra.cursor || extra.busy) return;
    setExtra((x) => ({ ...x, busy: true }));
    try {
      const page = await fetchPage(extra.cursor);
      setExtra((x) => ({ items: [...x.items, ...page.items], cursor: page.next_cursor, busy: false, error: null }));
    } catch (error) {
      setExtra((x) => ({ ...x, busy: false, error }));
    }
  }, [extra.cursor, extra.busy, ...deps]);
  return {
    items: [...(first.data?.items ?? []), ...extra.items],
    loading: first.loading,
    error: first.error,
    hasMore: !!extra.cursor,
    busy: extra.busy,
    moreError: extra.error,
    loadMore: () => void loadMore(),
    reload: first.reload,
  };
}
