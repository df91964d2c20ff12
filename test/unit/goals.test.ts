import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import { cadenceDraft, readCadences, readQuotas } from '../../lib/goals';
import { settingsSchema } from '../../lib/records';

describe('readQuotas', () => {
  it('keeps valid rows sorted by period, upper-cases quarters and drops empty rows', () => {
    const { quotas, problems } = readQuotas([
      { period: '2026-q3', amount: '120,000' },
      { period: '', amount: '' },
      { period: '2026', amount: '400000' },
    ]);
    expect(problems).toEqual([]);
    expect(quotas).toEqual([
      { period: '2026', amount: 400_000 },
      { period: '2026-Q3', amount: 120_000 },
    ]);
  });

  it('names the row and field of each problem', () => {
    const { problems } = readQuotas([
      { period: '2026-13', amount: '10' },
      { period: '2026-07', amount: '-5' },
      { period: '2026-07', amount: 'lots' },
      { period: 'Q3', amount: '' },
    ]);
    expect(problems).toEqual([
      { field: 'period', row: 0, kind: 'period' },
      { field: 'amount', row: 1, kind: 'amount' },
      { field: 'period', row: 2, kind: 'duplicate' },
      { field: 'amount', row: 2, kind: 'amount' },
      { field: 'period', row: 3, kind: 'period' },
      { field: 'amount', row: 3, kind: 'amount' },
    ]);
  });

  it('gives only quotas the settings schema accepts', () => {
    const s = defaultSettings(1);
    const { quotas } = readQuotas([{ period: '2027-Q1', amount: '0' }]);
    expect(settingsSchema.parse({ ...s, quotas }).quotas).toEqual([{ period: '2027-Q1', amount: 0 }]);
  });
});

describe('readCadences', () => {
  it('round-trips the stored cadences through the draft', () => {
    const s = defaultSettings(1);
    const { cadences, problems } = readCadences(cadenceDraft(s));
    expect(problems).toEqual([]);
    expect(cadences).toEqual(s.cadences);
  });

  it('reads typed days: an empty stage means no suggestion, check-ins sorted and unique', () => {
    const s = defaultSettings(1);
    const d = cadenceDraft(s);
    const { cadences } = readCadences({
      firstTouch: ' 2 ',
      nextTouch: { ...d.nextTouch, prospecting: '', proposal: '7' },
      checkIns: '90; 7 30 7',
    });
    expect(cadences?.firstTouchDays).toBe(2);
    expect(cadences?.nextTouchDays.prospecting).toBeUndefined();
    expect(cadences?.nextTouchDays.proposal).toBe(7);
    expect(cadences?.checkInDays).toEqual([7, 30, 90]);
    expect(settingsSchema.parse({ ...s, cadences }).cadences).toEqual(cadences);
  });

  it('refuses days out of range or not whole, naming the field', () => {
    const d = cadenceDraft(defaultSettings(1));
    const r = readCadences({ firstTouch: '61', nextTouch: { ...d.nextTouch, meeting: '1.5' }, checkIns: '0, 30' });
    expect(r.cadences).toBeUndefined();
    expect(r.problems).toEqual([
      { field: 'firstTouch', kind: 'days' },
      { field: 'nextTouch', stageId: 'meeting', kind: 'days' },
      { field: 'checkIns', kind: 'checkIns' },
    ]);
    expect(readCadences({ ...d, checkIns: Array.from({ length: 11 }, (_, i) => i + 1).join(',') }).problems).toEqual([
      { field: 'checkIns', kind: 'checkIns' },
    ]);
  });
});
