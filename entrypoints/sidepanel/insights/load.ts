/**
 * What the Insights view reads: every deal, activity, objection, NPS answer and contact, in
 * one readonly transaction of `getAll`s. One transaction and bulk reads are what keep 10,000
 * deals and 100,000 activities fast (a cursor or a transaction per record costs many times
 * more); the metrics then group them in memory in one pass.
 */
import { defaultSettings } from '../../../lib/defaults';
import type { MetricsData } from '../../../lib/metrics';
import type { Settings } from '../../../lib/records';
import { db } from '../data';

export interface InsightsData {
  settings: Settings;
  data: MetricsData;
}

export async function loadInsights(): Promise<InsightsData> {
  const d = await db();
  const tx = d.transaction(['deals', 'activities', 'objections', 'nps', 'contacts', 'settings'], 'readonly');
  const [deals, activities, objections, nps, contacts, stored] = await Promise.all([
    tx.objectStore('deals').getAll(),
    tx.objectStore('activities').getAll(),
    tx.objectStore('objections').getAll(),
    tx.objectStore('nps').getAll(),
    tx.objectStore('contacts').getAll(),
    tx.objectStore('settings').get('settings'),
  ]);
  return {
    settings: stored ?? defaultSettings(Date.now()),
    data: { deals, activities, objections, nps, contacts },
  };
}
