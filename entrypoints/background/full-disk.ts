/**
 * E2E builds only: makes this worker's IndexedDB writes fail the way a full disk does, so the
 * tests can show what the rep sees then (a clear message, nothing half-written, reads still
 * working). A headless browser cannot be given a small disk, and `unlimitedStorage` puts the
 * extension beyond any quota a test could lower.
 */
type WriteMethod = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;

let real: { put: WriteMethod; add: WriteMethod } | undefined;

/**
 * After `after` more writes succeed, every `put` and `add` throws QuotaExceededError (as the
 * browser's own does when it has no room); `null` gives the room back.
 */
export function simulateFullDisk(after: number | null): void {
  const proto = IDBObjectStore.prototype as unknown as { put: WriteMethod; add: WriteMethod };
  real ??= { put: proto.put, add: proto.add };
  const { put, add } = real;
  if (after === null) {
    proto.put = put;
    proto.add = add;
    return;
  }
  let left = after;
  const failing = (write: WriteMethod): WriteMethod =>
    function (this: IDBObjectStore, ...args: unknown[]) {
      if (left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return write.apply(this, args);
    };
  proto.put = failing(put);
  proto.add = failing(add);
}
