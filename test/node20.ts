/**
 * Vitest 5's reporter calls `Map.groupBy` (Node ≥ 21) when it prints a failure; on Node 20
 * the failure would be hidden behind a crash. Imported by the vitest configs.
 */
const M = Map as unknown as { groupBy?: <K, T>(items: Iterable<T>, key: (t: T, i: number) => K) => Map<K, T[]> };
if (!M.groupBy) {
  M.groupBy = <K, T>(items: Iterable<T>, key: (t: T, i: number) => K) => {
    const out = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
