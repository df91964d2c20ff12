/** Benchmarks that run in Node: pure lib/ work with no browser in the way. */
import type { Row } from './table';

export async function nodeRows(_quick: boolean): Promise<Row[]> {
  return [];
}
