/** A new record id. `crypto.randomUUID` exists in every context Leadline runs in (worker, pages, Node ≥ 19). */
export function newId(): string {
  return crypto.randomUUID();
}
