/**
 * The side panel's shell: loads what the current view needs, re-reads it when the background
 * says something changed, and routes between views by the URL hash. All reads go through
 * ./data.ts, all writes are messages to the background.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Board } from '../../components/Board';
import { Brief } from '../../components/Brief';
import { FollowUpsView } from '../../components/FollowUpsView';
import { errorText, type LabelKey, rich, sourceLabel, t } from '../../components/i18n';
import { LeadView, type RemovableRecord } from '../../components/LeadView';
import { PageOffer } from '../../components/PageOffer';
import { describeRemoval, UndoToast } from '../../components/UndoToast';
import { groupFollowUps } from '../../lib/followups';
import { formatNumber } from '../../lib/format';
import { medianOpenValue, whoNext } from '../../lib/pipeline';
import type { TabContext } from '../../lib/protocol';
import type { Company, Contact, Note } from '../../lib/records';
import { scoreDeal } from '../../lib/score';
import type { SearchHit } from '../../lib/search';
import { resolveTimeZone } from '../../lib/time';
import { LEAD_SOURCES } from '../../lib/vocab';
import {
  type BoardData,
  type LeadData,
  loadLead,
  loadSearchRecords,
  loadTabContext,
  noteDrafts,
  onChange,
  onTabChange,
  send,
  takeBoard,
} from './data';
import { renderMarkdown } from './markdown';
import { type BoardFilter, buildBoard, scoreAll } from './model';

type Route =
  | { view: 'pipeline' }
  | { view: 'lead'; dealId: string }
  | { view: 'brief'; dealId: string }
  | { view: 'follow-ups' }
  | { view: 'insights' };

function parseRoute(hash: string): Route {
  const [view, id] = hash.replace(/^#/, '').split('/');
  if (view === 'lead' && id) return { view: 'lead', dealId: id };
  if (view === 'brief' && id) return { view: 'brief', dealId: id };
  if (view === 'follow-ups' || view === 'follow-up') return { view: 'follow-ups' };
  if (view === 'insights') return { view: 'insights' };
  return { view: 'pipeline' };
}
const go = (hash: string) => {
  location.hash = hash;
};
const message = errorText;
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const SHORTCUTS: [string, LabelKey][] = [
  ['/', 'shortcut.search'],
  ['p', 'shortcut.pipeline'],
  ['f', 'shortcut.followUps'],
  ['i', 'shortcut.insights'],
  ['↑ ↓ ← →', 'shortcut.moveFocus'],
  ['Shift + ← / →', 'shortcut.moveDeal'],
  ['Enter', 'shortcut.open'],
  ['Esc', 'shortcut.back'],
  ['?', 'shortcut.help'],
];

const HIT_KIND: Record<SearchHit['kind'], LabelKey> = {
  contact: 'search.kindContact',
  company: 'search.kindCompany',
  note: 'search.kindNote',
};

/** The Insights view, fetched on first visit so its code stays out of the panel's start-up bundle. */
function LazyInsights(props: { now: number; locale: string; onReady?: () => void }) {
  const [View, setView] = useState<typeof import('./insights/InsightsView')['InsightsView']>();
  useEffect(() => {
    void import('./insights/InsightsView').then((m) => setView(() => m.InsightsView));
  }, []);
  return View ? (
    <View now={props.now} locale={props.locale} onReady={props.onReady} />
  ) : (
    <p class="loading">{t('app.loadingInsights')}</p>
  );
}

type SearchRecords = { contacts: Contact[]; companies: Company[]; notes: Note[]; contactsById: Map<string, Contact> };

/** `make()` on the first call, the same value after. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** `locale`: the language and region dates, numbers and money are written in (main.tsx). */
export function App({ locale }: { locale: string }) {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  const [board, setBoard] = useState<BoardData>();
  const [lead, setLead] = useState<LeadData | null>();
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(() => Date.now());
  const [filter, setFilter] = useState<BoardFilter>({ query: '' });
  const [records, setRecords] = useState<SearchRecords>();
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [help, setHelp] = useState(false);
  const [page, setPage] = useState<TabContext>();
  const [clipped, setClipped] = useState<{ tabId: number; state: 'started' | 'failed' }>();
  const [toast, setToast] = useState<{ label: string; undo?: () => Promise<unknown> }>();
  const searchRef = useRef<HTMLInputElement>(null);
  const searchIndex = useRef<Promise<(q: string) => SearchHit[]> | undefined>(undefined);
  const recordsLoad = useRef<Promise<SearchRecords> | undefined>(undefined);
  // Contacts and notes: the search and the filters by lead status and tag need them, the
  // board's first screen does not. Read once the rep turns to the toolbar (so the tag list
  // has the contacts' tags by the time it opens), not before: a read started as soon as the
  // board is up would hold up the rep's first click (the database answers in turn). Read
  // again, on demand, after a change.
  const ensureRecords = useCallback(() => {
    recordsLoad.current ??= loadSearchRecords().then((r) => {
      const loaded = { ...r, contactsById: new Map(r.contacts.map((c) => [c.id, c])) };
      setRecords(loaded);
      return loaded;
    });
    return recordsLoad.current;
  }, []);

  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);

  const reload = useCallback(() => {
    takeBoard()
      .then((b) => {
        setBoard(b);
        setNow(Date.now());
      })
      .catch((e: unknown) => setError(message(e)));
  }, []);

  const leadId = route.view === 'lead' || route.view === 'brief' ? route.dealId : undefined;
  const reloadLead = useCallback(async () => {
    if (!leadId) return;
    await loadLead(leadId)
      .then((l) => setLead(l ?? null))
      .catch((e: unknown) => setError(message(e)));
  }, [leadId]);

  // The page beside the panel: asked again when the rep changes tab or page, and after a write
  // (a clip just saved makes the page a known one).
  const reloadPage = useCallback(() => {
    loadTabContext()
      .then(setPage)
      .catch(() => setPage(undefined));
  }, []);
  useEffect(() => {
    reloadPage();
    return onTabChange(reloadPage);
  }, [reloadPage]);

  // The listener outlives route changes (opening a lead must not re-read the board).
  const reloadLeadRef = useRef(reloadLead);
  reloadLeadRef.current = reloadLead;
  // The lead-status and tag filters are the board's only use of contacts.
  const byContact = !!(filter.leadStatus || filter.tag);
  const byContactRef = useRef(byContact);
  byContactRef.current = byContact;
  // The Insights view reads every deal and activity itself: there the board (for the tab's
  // due count) waits until the view's figures are on screen, rather than competing with its read.
  const boardRequested = useRef(false);
  const requestBoard = useCallback(() => {
    if (boardRequested.current) return;
    boardRequested.current = true;
    reload();
  }, [reload]);
  useEffect(() => {
    if (route.view !== 'insights') requestBoard();
  }, [route.view, requestBoard]);
  useEffect(() => {
    return onChange(() => {
      // A board not asked for yet is read fresh when it is.
      if (boardRequested.current) reload();
      void reloadLeadRef.current();
      reloadPage();
      searchIndex.current = undefined;
      recordsLoad.current = undefined;
      if (byContactRef.current) void ensureRecords();
    });
  }, [reload, ensureRecords, reloadPage]);
  useEffect(() => {
    setLead(undefined);
    void reloadLead();
  }, [reloadLead]);

  useEffect(() => {
    if (byContact) void ensureRecords();
  }, [byContact, ensureRecords]);

  const scores = useMemo(() => (board ? scoreAll(board, now) : new Map<string, number>()), [board, now]);
  // Only the lead-status and tag filters look at contacts: loading them does not rebuild the board otherwise.
  const contactsById = byContact ? records?.contactsById : undefined;
  const model = useMemo(
    () => (board ? buildBoard(board, filter, now, scores, contactsById ?? new Map()) : undefined),
    [board, filter, now, scores, contactsById],
  );

  // The moment the rep can act on the board: `npm run bench` reads this mark.
  useEffect(() => {
    if (board && !performance.getEntriesByName('leadline:board-ready').length) {
      requestAnimationFrame(() => performance.mark('leadline:board-ready'));
    }
  }, [board]);

  // Search as you type, over contacts, companies and notes; the index is built on first use.
  useEffect(() => {
    const q = filter.query.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    searchIndex.current ??= Promise.all([import('../../lib/search'), ensureRecords()]).then(([m, r]) => {
      const index = m.buildIndex(r);
      return (query: string) => m.searchAll(index, query, 8);
    });
    let live = true;
    void searchIndex.current.then((search) => live && setHits(search(q)));
    return () => {
      live = false;
    };
  }, [filter.query, ensureRecords]);

  // Keyboard shortcuts (not while typing in a field).
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('input, textarea, select, [contenteditable]') || e.ctrlKey || e.metaKey || e.altKey) {
        if (e.key === 'Escape') (t as HTMLInputElement).blur?.();
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        go('pipeline');
        setTimeout(() => searchRef.current?.focus());
      } else if (e.key === 'p') go('pipeline');
      else if (e.key === 'f') go('follow-ups');
      else if (e.key === 'i') go('insights');
      else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') go('pipeline');
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  }, []);

  // Built on first use: the board's first screen needs neither.
  const titles = useMemo(() => lazy(() => new Map(board?.deals.map((d) => [d.id, d.title]) ?? [])), [board]);
  const dealOfContact = useMemo(
    () =>
      lazy(() => {
        const m = new Map<string, string>();
        for (const d of board?.deals ?? []) if (d.contactId && !m.has(d.contactId)) m.set(d.contactId, d.id);
        return m;
      }),
    [board],
  );
  const tags = useMemo(
    () =>
      [
        ...new Set([
          ...(board?.deals.flatMap((d) => d.tags) ?? []),
          ...(records?.contacts.flatMap((c) => c.tags) ?? []),
        ]),
      ].sort(),
    [board, records],
  );
  const tz = board ? resolveTimeZone(board.settings.timeZone, browserZone) : browserZone;

  /** Deletes from the lead view and offers the undo; leaves a lead whose deal went with it. */
  const remove = async (target: RemovableRecord, name: string) => {
    const result = await send({
      type: 'record.remove',
      store: target.store,
      id: target.record.id,
      rev: target.record.rev,
      deals: target.store === 'contacts' ? target.deals : undefined,
    });
    const left =
      leadId !== undefined &&
      ((target.store === 'deals' && target.record.id === leadId) ||
        (target.store === 'contacts' && target.deals === 'delete'));
    if (left) go('pipeline');
    const undoId = result.undoId;
    setToast({
      label: describeRemoval(name, target.store, result, locale),
      undo: undoId
        ? () => send({ type: 'undo.apply', undoId }).then(() => left && leadId && go(`lead/${leadId}`))
        : undefined,
    });
  };

  if (error && !board)
    return (
      <p role="alert" class="banner error">
        {error}
      </p>
    );

  const hitLabel = (h: SearchHit): { label: string; dealId?: string } => {
    if (h.kind === 'contact') {
      const c = records?.contactsById.get(h.id);
      return {
        label: c ? `${c.name}${c.jobTitle ? ` · ${c.jobTitle}` : ''}` : t('search.kindContact'),
        dealId: dealOfContact().get(h.id),
      };
    }
    if (h.kind === 'company') {
      const d = board?.deals.find((x) => x.companyId === h.id);
      return { label: d ? (d.title.split(' — ')[1] ?? d.title) : t('search.kindCompany'), dealId: d?.id };
    }
    const n = records?.notes.find((x) => x.id === h.id);
    const d = n
      ? board?.deals.find((x) => x.id === n.subjectId || x.contactId === n.subjectId || x.companyId === n.subjectId)
      : undefined;
    return { label: n ? t('search.noteHit', { text: n.body.slice(0, 60) }) : t('search.kindNote'), dealId: d?.id };
  };

  let view: JSX.Element;
  if (route.view === 'insights') {
    view = <LazyInsights now={now} locale={locale} onReady={requestBoard} />;
  } else if (!board || !model) {
    return <p class="loading">{t('app.loadingPipeline')}</p>;
  } else if (route.view === 'lead' || route.view === 'brief') {
    if (lead === undefined) view = <p class="loading">{t('app.loadingLead')}</p>;
    else if (lead === null)
      view = (
        <p class="empty">
          {t('app.dealGone')} <a href="#pipeline">{t('app.backToPipeline')}</a>
        </p>
      );
    else {
      const l = lead;
      const score = scoreDeal(l.deal, {
        activities: l.activities,
        company: l.company,
        medianValue: medianOpenValue(board.deals, board.settings.stages),
        now,
      });
      view =
        route.view === 'brief' ? (
          <Brief
            data={l}
            score={score}
            now={now}
            locale={locale}
            renderMarkdown={renderMarkdown}
            onBack={() => go(`lead/${l.deal.id}`)}
          />
        ) : (
          <LeadView
            data={l}
            score={score}
            now={now}
            locale={locale}
            timeZone={tz}
            renderMarkdown={renderMarkdown}
            noteDrafts={noteDrafts}
            actions={{
              update: (store, id, rev, patch) => send({ type: 'record.update', store, id, rev, patch }),
              create: (store, draft) => send({ type: 'record.create', store, draft }),
              move: (stage, lostReason) =>
                send({ type: 'deal.move', id: l.deal.id, rev: l.deal.rev, stage, lostReason }),
              logActivity: (kind, text) => send({ type: 'activity.log', dealId: l.deal.id, kind, text }),
              addFollowUp: (preset, text) =>
                send({
                  type: 'followUp.create',
                  dealId: l.deal.id,
                  contactId: l.deal.contactId,
                  preset,
                  text,
                  kind: 'call',
                }),
              completeFollowUp: (f) => send({ type: 'followUp.complete', id: f.id, rev: f.rev }),
              snoozeFollowUp: (f) => send({ type: 'followUp.snooze', id: f.id, rev: f.rev, preset: 'tomorrow-9' }),
              rescheduleFollowUp: (f, dueAt) => send({ type: 'followUp.reschedule', id: f.id, rev: f.rev, dueAt }),
              remove,
              newDeal: (kind, title, value) =>
                send({ type: 'deal.create', contactId: l.contact?.id ?? '', kind, title, value }).then((r) =>
                  go(`lead/${r.id}`),
                ),
              churn: (reason) =>
                send({ type: 'contact.churn', contactId: l.contact?.id ?? '', rev: l.contact?.rev ?? 0, reason }),
              openBrief: () => go(`brief/${l.deal.id}`),
              back: () => go('pipeline'),
              reload: reloadLead,
            }}
          />
        );
    }
  } else if (route.view === 'follow-ups') {
    view = (
      <FollowUpsView
        groups={groupFollowUps(board.openFollowUps, now, tz)}
        titles={titles()}
        now={now}
        locale={locale}
        onOpen={(id) => go(`lead/${id}`)}
        onComplete={(f) =>
          void send({ type: 'followUp.complete', id: f.id, rev: f.rev }).catch((e: unknown) => setError(message(e)))
        }
        onSnooze={(f, preset) =>
          void send({ type: 'followUp.snooze', id: f.id, rev: f.rev, preset }).catch((e: unknown) =>
            setError(message(e)),
          )
        }
        onReschedule={(f, dueAt) => send({ type: 'followUp.reschedule', id: f.id, rev: f.rev, dueAt })}
        timeZone={tz}
        whoNext={whoNext(board.deals, new Map([...board.nextFollowUp].map(([k, f]) => [k, [f]])), scores, now, {
          stages: board.settings.stages,
          timeZone: tz,
        })
          .slice(0, 5)
          .map((w) => ({ dealId: w.deal.id, title: w.deal.title, score: w.score, bucket: w.bucket }))}
        onExportIcs={() =>
          void import('../../lib/ics').then(({ followUpsToIcs }) => {
            const ics = followUpsToIcs(board.openFollowUps, {
              now: Date.now(),
              dealTitle: (id: string) => titles().get(id),
            });
            const a = document.createElement('a');
            a.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
            a.download = 'leadline-follow-ups.ics';
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 1000);
          })
        }
      />
    );
  } else if (board.deals.length === 0) {
    view = (
      <section class="empty">
        <h1>{t('app.emptyTitle')}</h1>
        <p>
          {rich(t('app.emptyText', { keys: '{keys}' }), {
            keys: (
              <>
                <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd>
              </>
            ),
          })}
        </p>
      </section>
    );
  } else {
    view = (
      <>
        <div
          class="toolbar"
          role="search"
          onPointerEnter={() => void ensureRecords()}
          onFocusIn={() => void ensureRecords()}
        >
          <div class="search">
            <input
              ref={searchRef}
              type="search"
              aria-label={t('search.label')}
              placeholder={t('search.placeholder')}
              value={filter.query}
              onInput={(e) => setFilter((f) => ({ ...f, query: e.currentTarget.value }))}
            />
            {hits.length > 0 && (
              <ul class="hits" aria-label={t('search.results')}>
                {hits.map((h) => {
                  const { label, dealId } = hitLabel(h);
                  return (
                    <li key={`${h.kind}:${h.id}`}>
                      <button
                        type="button"
                        class="link"
                        disabled={!dealId}
                        onClick={() => dealId && go(`lead/${dealId}`)}
                      >
                        <span class="pill">{t(HIT_KIND[h.kind])}</span> {label}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          <select
            aria-label={t('filter.temperature')}
            value={filter.temperature ?? ''}
            onChange={(e) =>
              setFilter((f) => ({
                ...f,
                temperature: (e.currentTarget.value || undefined) as BoardFilter['temperature'],
              }))
            }
          >
            <option value="">{t('filter.anyTemperature')}</option>
            <option value="hot">{t('temp.hot')}</option>
            <option value="warm">{t('temp.warm')}</option>
            <option value="cold">{t('temp.cold')}</option>
          </select>
          <select
            aria-label={t('filter.leadStatus')}
            value={filter.leadStatus ?? ''}
            onChange={(e) =>
              setFilter((f) => ({
                ...f,
                leadStatus: (e.currentTarget.value || undefined) as BoardFilter['leadStatus'],
              }))
            }
          >
            <option value="">{t('filter.anyStatus')}</option>
            <option value="suspect">{t('status.suspect')}</option>
            <option value="mql">{t('status.mql')}</option>
            <option value="sql">{t('status.sql')}</option>
          </select>
          <select
            aria-label={t('filter.source')}
            value={filter.source ?? ''}
            onChange={(e) =>
              setFilter((f) => ({ ...f, source: (e.currentTarget.value || undefined) as BoardFilter['source'] }))
            }
          >
            <option value="">{t('filter.anySource')}</option>
            {LEAD_SOURCES.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
          {tags.length > 0 && (
            <select
              aria-label={t('filter.tag')}
              value={filter.tag ?? ''}
              onChange={(e) => setFilter((f) => ({ ...f, tag: e.currentTarget.value || undefined }))}
            >
              <option value="">{t('filter.anyTag')}</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
          <label class="chip">
            <input
              type="checkbox"
              checked={!!filter.overdue}
              onChange={(e) => setFilter((f) => ({ ...f, overdue: e.currentTarget.checked || undefined }))}
            />
            {t('filter.overdue')}
          </label>
        </div>
        <Board
          stages={board.settings.stages}
          columns={model.columns}
          summaries={model.summaries}
          currency={board.settings.defaultCurrency}
          now={now}
          locale={locale}
          onMove={async (dealId, stage, lostReason) => {
            const deal = board.deals.find((d) => d.id === dealId);
            if (!deal) return;
            await send({ type: 'deal.move', id: deal.id, rev: deal.rev, stage, lostReason });
          }}
          onOpen={(id) => go(`lead/${id}`)}
        />
      </>
    );
  }

  return (
    <div class="app">
      <header class="topbar">
        <span class="brand" aria-hidden="true">
          L
        </span>
        <nav class="tabs" aria-label={t('tabs.label')}>
          <a href="#pipeline" aria-current={route.view === 'pipeline' || route.view === 'lead' ? 'page' : undefined}>
            {t('tabs.pipeline')}
          </a>
          <a href="#follow-ups" aria-current={route.view === 'follow-ups' ? 'page' : undefined}>
            {t('tabs.followUps')}
            {model && model.dueCount > 0 && (
              <span
                class="badge-count"
                aria-label={t('tabs.due', model.dueCount, [formatNumber(model.dueCount, locale)])}
              >
                {formatNumber(model.dueCount, locale)}
              </span>
            )}
          </a>
          <a href="#insights" aria-current={route.view === 'insights' ? 'page' : undefined}>
            {t('tabs.insights')}
          </a>
        </nav>
        <button
          type="button"
          class="icon"
          aria-label={t('shortcut.title')}
          title={t('shortcut.buttonTitle')}
          onClick={() => setHelp((h) => !h)}
        >
          ?
        </button>
      </header>
      {page && (
        <PageOffer
          context={page}
          openDealId={leadId}
          clipped={clipped && clipped.tabId === page.tabId ? clipped.state : undefined}
          onOpen={(id) => go(`lead/${id}`)}
          onClip={() => {
            const tabId = page.tabId;
            if (tabId === undefined) return;
            setClipped({ tabId, state: 'started' });
            send({ type: 'tab.clip', tabId }).catch(() => setClipped({ tabId, state: 'failed' }));
          }}
        />
      )}
      {error && (
        <p class="banner error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => setError(undefined)}>
            {t('common.dismiss')}
          </button>
        </p>
      )}
      {help && (
        <section class="shortcuts" aria-labelledby="keys-h">
          <h2 id="keys-h">{t('shortcut.title')}</h2>
          <dl>
            {SHORTCUTS.map(([k, v]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{t(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <main class="view">{view}</main>
      {toast && (
        <UndoToast
          label={toast.label}
          onClose={() => setToast(undefined)}
          onUndo={
            toast.undo &&
            (() => {
              const undo = toast.undo;
              setToast(undefined);
              void undo?.().catch((e: unknown) => setError(message(e)));
            })
          }
        />
      )}
    </div>
  );
}
