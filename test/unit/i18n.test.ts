/**
 * The four languages: every English message exists in every language, none is empty, each keeps
 * the same placeholders and plural forms; and the words the UI builds from data (stage names,
 * texts Leadline wrote into records, import summaries, errors) come out in the UI's language.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EXIT_ITEM_LABEL,
  errorText,
  messagesLanguage,
  stageForEditing,
  stageFromEditing,
  stageName,
  t,
} from '../../components/i18n';
import { importSummaryText } from '../../components/import-text';
import { activityText, followUpText } from '../../components/record-text';
import { BACKUP_STORES } from '../../lib/backup';
import { describeImport, type ImportSummary } from '../../lib/data-service';
import { openLeadlineDb } from '../../lib/db/open';
import { defaultSettings } from '../../lib/defaults';
import { LeadlineError } from '../../lib/errors';
import { checkInFollowUps, firstTouchFollowUp, nextTouchFollowUp, staleFollowUp } from '../../lib/followups';
import { pickLocale } from '../../lib/format';
import { planMove } from '../../lib/pipeline';
import type { Deal, StoreName } from '../../lib/records';
import { handleMessage, type ServiceContext } from '../../lib/service';
import { chromeMessages, getMessageFrom, LANGUAGES, type ParsedMessages, parseLanguage } from './messages';

type Entry = ParsedMessages[number];

/** Each message's forms by name (`text` for a simple one, `1`/`n`/… for a plural), keyed by its dotted name. */
function forms(messages: ParsedMessages): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const m of messages as Entry[]) {
    const key = m.key.join('.');
    if (key.startsWith('@@')) continue; // the browser's own (@@ui_locale…), added by the parser
    if (m.type === 'plural')
      out.set(key, Object.fromEntries(Object.entries(m.plurals).map(([k, v]) => [k, String(v)])));
    else out.set(key, { text: 'message' in m ? String(m.message) : '' });
  }
  return out;
}
const named = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const numbered = (s: string) => [...new Set([...s.matchAll(/\$([1-9])/g)].map((m) => m[1]))].sort();

const english = forms(await parseLanguage('en'));
const others = LANGUAGES.filter((l) => l !== 'en');

describe('the messages', () => {
  it('exist in English, Italian, Spanish and Malay', () => {
    expect(LANGUAGES).toEqual(['en', 'es', 'it', 'ms']);
    expect(english.size).toBeGreaterThan(400);
  });

  describe.each(others)('%s', (lang) => {
    let messages: Map<string, Record<string, string>>;
    beforeEach(async () => {
      messages = forms(await parseLanguage(lang));
    });

    it('has every English key and no other', () => {
      const missing = [...english.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !english.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('has no empty message', () => {
      const empty = [...messages].filter(([, f]) => Object.values(f).some((v) => !v.trim())).map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it('keeps each message’s plural forms and placeholders', () => {
      const wrong: string[] = [];
      for (const [key, en] of english) {
        const own = messages.get(key);
        if (!own) continue;
        if (Object.keys(own).sort().join() !== Object.keys(en).sort().join()) wrong.push(`${key}: forms`);
        // Every form names the same values as its English form; the count ($1) may be spelt
        // out in a singular ("One line"), so it is compared over the message as a whole.
        for (const form of Object.keys(en)) {
          if (named(own[form] ?? '').join() !== named(en[form] ?? '').join()) wrong.push(`${key}.${form}: {names}`);
        }
        const all = (f: Record<string, string>) => Object.values(f).join(' | ');
        if (numbered(all(own)).join() !== numbered(all(en)).join()) wrong.push(`${key}: $n`);
      }
      expect(wrong).toEqual([]);
    });

    it('builds into valid browser messages (names, dollar signs) with the language’s own name', async () => {
      const built = await chromeMessages(lang);
      expect(Object.keys(built).filter((k) => !/^[A-Za-z0-9_]+$/.test(k))).toEqual([]);
      // A `$` not starting `$1`…`$9` or `$$` would be read as a placeholder by the browser.
      expect(Object.entries(built).filter(([, m]) => /\$(?![1-9$])/.test(m.message))).toEqual([]);
      expect(built.lang?.message).toBe(lang);
    });
  });
});

/** Runs `fn` with the browser's messages in `lang`. */
async function inLanguage<T>(lang: string, fn: () => T | Promise<T>): Promise<T> {
  const get = getMessageFrom(await chromeMessages(lang));
  fakeBrowser.i18n.getMessage = get as typeof fakeBrowser.i18n.getMessage;
  return fn();
}

const settings = defaultSettings(0);
const stage = (id: string) => {
  const s = settings.stages.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

describe('stage names', () => {
  it('shows untouched default stages and checklist items in the UI’s language, renamed ones as written', async () => {
    expect(stageName(stage('proposal'))).toBe('Proposal');
    await inLanguage('it', () => {
      expect(stageName(stage('proposal'))).toBe('Proposta');
      expect(stageName({ id: 'proposal', name: 'Offerta' })).toBe('Offerta');
      expect(stageName({ id: 'custom', name: 'Prospecting' })).toBe('Prospecting');
    });
  });

  it('has a message for every default exit-checklist item', () => {
    const items = settings.stages.flatMap((s) => s.exitChecklist);
    expect(items.filter((i) => !EXIT_ITEM_LABEL[i])).toEqual([]);
  });

  it('saves an untouched translated stage as the default, and an edit as the rep wrote it', async () => {
    await inLanguage('es', () => {
      const shown = settings.stages.map(stageForEditing);
      expect(shown[0]?.name).toBe('Prospección');
      expect(shown[0]?.exitChecklist[0]).toBe('Empresa investigada');
      expect(shown.map(stageFromEditing)).toEqual(settings.stages);
      const edited = stageFromEditing({ ...(shown[1] as (typeof shown)[number]), name: 'Calificación BANT' });
      expect(edited.name).toBe('Calificación BANT');
      expect(edited.exitChecklist).toEqual(['BANT filled in']);
    });
  });
});

describe('texts Leadline writes into records', () => {
  const subject = { dealId: 'dl-1', contactId: 'ct-1' };
  const now = Date.UTC(2026, 10, 23, 9);
  const generated = [
    firstTouchFollowUp(subject, now, settings, 'Europe/Rome').text,
    nextTouchFollowUp(subject, now, 'qualification', settings, 'Europe/Rome')?.text ?? '',
    ...checkInFollowUps(subject, now, settings, 'Europe/Rome').map((f) => f.text),
    staleFollowUp({ deal: { id: 'dl-1' }, stage: stage('proposal'), days: 23, since: 0 }, now).text,
    'Follow up',
  ];

  it('are shown unchanged in English', () => {
    for (const text of generated) expect(followUpText({ text })).toBe(text);
  });

  it('are shown in Italian when lib/ wrote them, and the rep’s own text as written', async () => {
    await inLanguage('it', () => {
      expect(generated.map((text) => followUpText({ text }))).toEqual([
        'Primo contatto',
        'Prossimo contatto',
        'Verifica, 7 giorni dopo la chiusura',
        'Verifica, 30 giorni dopo la chiusura',
        'Verifica, 90 giorni dopo la chiusura',
        'Nessuna attività da 23 giorni in Proposta',
        'Ricontattare',
      ]);
      expect(followUpText({ text: 'Call about the Q3 budget' })).toBe('Call about the Q3 budget');
      expect(activityText({ kind: 'call', text: 'Prospecting → Won' })).toBe('Prospecting → Won');
    });
  });

  it('covers every move lib/pipeline.ts plans', async () => {
    const deal = { stage: 'meeting', checklistDone: [], bant: {} } as unknown as Deal;
    const texts = [
      planMove(deal, 'won', settings.stages, now),
      planMove(deal, 'lost', settings.stages, now, { lostReason: 'Price' }),
      planMove({ ...deal, stage: 'lost' }, 'meeting', settings.stages, now),
      planMove(deal, 'proposal', settings.stages, now),
    ].map((p) => (p.ok ? p.activity : { kind: 'note' as const, text: '' }));
    await inLanguage('ms', () => {
      expect(texts.map(activityText)).toEqual([
        'Menang (dari Mesyuarat)',
        'Kalah (dari Mesyuarat): Price',
        'Dihidupkan semula: Kalah → Mesyuarat',
        'Mesyuarat → Cadangan',
      ]);
    });
  });

  it('covers every text the background writes on a clip, a move, a new deal and a removed stage', async () => {
    const ID = 'abcdefghijklmnopabcdefghijklmnop';
    const ORIGIN = `chrome-extension://${ID}`;
    const db = await openLeadlineDb();
    const ctx: ServiceContext = {
      db,
      now,
      extensionId: ID,
      extensionOrigin: ORIGIN,
      version: '0',
      timeZone: 'Europe/Rome',
    };
    const send = async (msg: unknown) => {
      const { reply } = await handleMessage(msg, { id: ID, url: `${ORIGIN}/sidepanel.html` }, ctx);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value as Record<string, unknown>;
    };
    const draft = (name: string) => ({
      person: { fullName: name },
      sourceUrl: `https://example.com/${name}`,
      pageTitle: `${name} | Team`,
      followUp: 'tomorrow',
    });
    const saved = await send({ type: 'capture.save', draft: draft('Maria Rossi') });
    const other = await send({ type: 'capture.save', draft: draft('Tomás Herrera') });
    const deal = await db.get('deals', saved.dealId as string);
    await send({ type: 'deal.move', id: deal?.id, rev: deal?.rev, stage: 'won' });
    await send({ type: 'deal.create', contactId: saved.contactId, kind: 'upsell', title: 'Maria — upsell', value: 0 });
    const second = await db.get('deals', other.dealId as string);
    await send({ type: 'deal.move', id: second?.id, rev: second?.rev, stage: 'meeting' });
    const stages = settings.stages.filter((s) => s.id !== 'meeting');
    await send({
      type: 'settings.update',
      rev: 0,
      patch: { stages },
      moveDeals: [{ from: 'meeting', to: 'proposal' }],
    });

    const activities = (await db.getAll('activities')).filter((a) => a.kind !== 'call');
    const followUps = await db.getAll('followUps');
    db.close();
    expect(activities.length).toBeGreaterThanOrEqual(8);
    await inLanguage('es', () => {
      // Every text lib/ wrote reads differently in Spanish: none was left in English.
      const untranslated = [
        ...activities.filter((a) => activityText(a) === a.text).map((a) => a.text),
        ...followUps.filter((f) => followUpText(f) === f.text).map((f) => f.text),
      ];
      expect(untranslated).toEqual([]);
      expect(activities.map(activityText)).toEqual(
        expect.arrayContaining([
          'Creada en Prospección',
          'Guardado desde Maria Rossi | Team',
          'Prospección → Ganada',
          'Nueva venta adicional en Prospección',
          'Se eliminó Reunión; movida a Propuesta',
        ]),
      );
      expect(followUps.map((f) => followUpText(f))).toEqual(expect.arrayContaining(['Seguimiento con Maria Rossi']));
    });
  });
});

describe('import summaries', () => {
  const counts = Object.fromEntries(BACKUP_STORES.map((s) => [s, { added: 0, merged: 0, skipped: 0 }])) as Record<
    StoreName,
    { added: number; merged: number; skipped: number }
  >;
  counts.contacts = { added: 3, merged: 1, skipped: 1 };
  counts.deals = { added: 1, merged: 2, skipped: 0 };
  const summaries: ImportSummary[] = [
    { kind: 'csv', mode: 'merge', counts, rows: { total: 6, imported: 5, skipped: 1 }, warnings: [] },
    { kind: 'csv', mode: 'merge', counts, rows: { total: 2, imported: 2, skipped: 0 }, warnings: [] },
    { kind: 'backup', mode: 'replace', counts, warnings: [] },
    { kind: 'backup', mode: 'merge', counts, warnings: [] },
  ];

  it('read in English as lib/data-service.ts words them', () => {
    for (const s of summaries) expect(importSummaryText(s, String)).toBe(describeImport(s));
    // …but with a singular where lib/ has none.
    const one: ImportSummary = { ...(summaries[1] as ImportSummary), rows: { total: 1, imported: 1, skipped: 0 } };
    expect(importSummaryText(one, String).split('\n')[0]).toBe('Imported 1 of 1 row.');
  });

  it('read in Italian with its own plurals and numbers', async () => {
    await inLanguage('it', () => {
      expect(importSummaryText(summaries[0] as ImportSummary, (n) => n.toLocaleString('it'))).toBe(
        [
          'Righe importate: 5 su 6 (saltate: 1, come hai scelto).',
          'Contatti: 3 nuovi record, 1 unito a uno già presente, 1 già presente.',
          'Trattative: 1 nuovo record, 2 uniti a quelli già presenti.',
        ].join('\n'),
      );
    });
  });
});

describe('errors', () => {
  const stale = new LeadlineError('stale', 'Settings were changed in another window.');
  const invalid = Object.assign(new Error('contact: emails.0: "bob@" is not an email address'), { code: 'invalid' });

  it('keep lib’s precise message in English', () => {
    expect(errorText(stale)).toBe('Settings were changed in another window.');
    expect(errorText(invalid)).toBe('contact: emails.0: "bob@" is not an email address');
    expect(errorText('plain')).toBe('plain');
  });

  it('are worded by their code in another language, with the detail where it says what to fix', async () => {
    await inLanguage('it', () => {
      expect(messagesLanguage()).toBe('it');
      expect(errorText(stale)).toBe('Qualcuno l’ha modificato in un’altra finestra. Ricarica e riprova.');
      expect(errorText(invalid)).toBe(
        'Non salvato, un dato non è valido: contact: emails.0: "bob@" is not an email address',
      );
      // An error without a code (a browser's own) is shown as it is.
      expect(errorText(new Error('QuotaExceededError'))).toBe('QuotaExceededError');
    });
  });
});

describe('plurals', () => {
  it('pick the form by count, with the number as the locale writes it', async () => {
    expect(t('count.deals', 1, ['1'])).toBe('1 deal');
    expect(t('count.deals', 0, ['0'])).toBe('0 deals');
    await inLanguage('it', () => {
      expect(t('count.deals', 1, ['1'])).toBe('1 trattativa');
      expect(t('count.deals', 12000, [(12000).toLocaleString('it')])).toBe('12.000 trattative');
    });
    await inLanguage('ms', () => expect(t('count.deals', 3, ['3'])).toBe('3 urusan'));
  });
});

describe('pickLocale', () => {
  it.each([
    ['it-IT', 'it', 'it-IT'],
    ['it', 'it', 'it'],
    ['es-419', 'es', 'es-419'],
    ['en-GB', 'en', 'en-GB'],
    ['ms', 'ms', 'ms'],
    // No German messages: the figures follow the English words.
    ['de-DE', 'en', 'en'],
    ['pt_BR', 'en', 'en'],
    ['en_US', 'en', 'en-US'],
  ])('%s with %s messages formats in %s', (ui, messages, expected) => {
    expect(pickLocale(ui, messages)).toBe(expected);
  });
});
