import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../lib/db/migrations';
import { openLeadlineDb } from '../../lib/db/open';
import { STORE_NAMES } from '../../lib/db/schema';
import { SCHEMAS, type StoreName } from '../../lib/records';

/** One fixture per schema version: records as that version wrote them. */
const DIR = join(import.meta.dirname, '../fixtures/db');
const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map(
    (f) =>
      JSON.parse(readFileSync(join(DIR, f), 'utf8')) as {
        version: number;
        stores: Record<StoreName, { id: string }[]>;
      },
  );

describe('upgrade ladder', () => {
  it('has a fixture for every version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))(
    'upgrades a v%i database to the newest with no record lost',
    async (version, fixture) => {
      // Write the database as that version did, bypassing today's schemas.
      const old = await openLeadlineDb({ name: `fixture-v${version}`, version });
      for (const store of STORE_NAMES) {
        const tx = old.transaction(store, 'readwrite');
        for (const r of fixture.stores[store] ?? []) await tx.store.put(r as never);
        await tx.done;
      }
      old.close();

      const db = await openLeadlineDb({ name: `fixture-v${version}` });
      expect(db.version).toBe(DB_VERSION);
      for (const store of STORE_NAMES) {
        const records = await db.getAll(store);
        const want = fixture.stores[store] ?? [];
        expect(records.map((r) => r.id).sort(), store).toEqual(want.map((r) => r.id).sort());
        // Every record still reads under today's schema.
        for (const r of records) expect(SCHEMAS[store].safeParse(r).success, `${store} ${r.id}`).toBe(true);
      }
      // And the indexes the views rely on answer for old records.
      expect(await db.getAllFromIndex('contacts', 'by-email', 'maria.rossi@acme-robotics.example')).toHaveLength(1);
      expect(await db.countFromIndex('followUps', 'by-open-due')).toBe(1);
      expect(await db.getAllFromIndex('deals', 'by-stage', 'qualification')).toHaveLength(1);
    },
  );
});
