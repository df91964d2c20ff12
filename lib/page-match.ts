/**
 * What Leadline already knows about a page, from its address alone: the contact whose profile
 * it is (LinkedIn, X, GitHub, through the `by-profile` index), else the company whose site it
 * is (through `by-domain`). Index lookups only, so it stays cheap on every tab switch.
 */
import type { Db } from './db/open';
import { companyDomain, profileKey } from './normalize';
import type { Deal, Stage } from './records';

/** A stored lead a page belongs to. */
export interface PageMatch {
  kind: 'contact' | 'company';
  name: string;
  /** For a contact: the job title and company; for a company: its industry or domain. */
  detail?: string;
  contactId?: string;
  companyId?: string;
  /** The deal to open: the latest open one, else the latest closed one; none for a company without deals. */
  dealId?: string;
  /** The stage of that deal, for the marker's one line. */
  stageName?: string;
}

/**
 * Profile keys to try for a URL, longest first, down to the first path segment: a LinkedIn
 * profile's sub-pages (`/in/ada/details/experience`) and a GitHub user's repositories
 * (`/ada/engine`) are that person's pages too.
 */
export function profileKeyCandidates(url: string): string[] {
  const key = profileKey(url);
  if (!key) return [];
  const [host, ...segments] = key.split('/');
  const out: string[] = [];
  for (let n = segments.filter(Boolean).length; n >= 1; n--) {
    out.push([host, ...segments.filter(Boolean).slice(0, n)].join('/'));
  }
  return out.slice(0, 6);
}

/** The page's domain, then its parent domains down to two labels (`eu.app.acme.com` → … → `acme.com`). */
export function domainCandidates(url: string): string[] {
  const domain = companyDomain(url);
  if (!domain) return [];
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2 && out.length < 4; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** The deal a lead opens on: the most recently updated open deal, else the most recent closed one. */
export function pickDeal(deals: readonly Deal[], stages: readonly Stage[]): Deal | undefined {
  const open = new Set(stages.filter((s) => s.kind === 'open').map((s) => s.id));
  const byRecent = [...deals].sort((a, b) => b.updatedAt - a.updatedAt);
  return byRecent.find((d) => open.has(d.stage)) ?? byRecent[0];
}

/** The contact or company the page at `url` belongs to, if any. */
export async function matchPage(db: Db, url: string, stages: readonly Stage[]): Promise<PageMatch | undefined> {
  const tx = db.transaction(['contacts', 'companies', 'deals'], 'readonly');
  const stageName = (d?: Deal) => (d ? stages.find((s) => s.id === d.stage)?.name : undefined);
  for (const key of profileKeyCandidates(url)) {
    const contact = await tx.objectStore('contacts').index('by-profile').get(key);
    if (!contact) continue;
    const [company, deals] = await Promise.all([
      contact.companyId ? tx.objectStore('companies').get(contact.companyId) : undefined,
      tx.objectStore('deals').index('by-contact').getAll(contact.id),
    ]);
    const deal = pickDeal(deals, stages);
    return {
      kind: 'contact',
      name: contact.name,
      detail: [contact.jobTitle, company?.name].filter(Boolean).join(' · ') || undefined,
      contactId: contact.id,
      companyId: company?.id,
      dealId: deal?.id,
      stageName: stageName(deal),
    };
  }
  for (const domain of domainCandidates(url)) {
    const company = await tx.objectStore('companies').index('by-domain').get(domain);
    if (!company) continue;
    const deal = pickDeal(await tx.objectStore('deals').index('by-company').getAll(company.id), stages);
    return {
      kind: 'company',
      name: company.name,
      detail: company.industry ?? company.domain,
      companyId: company.id,
      dealId: deal?.id,
      stageName: stageName(deal),
    };
  }
  return undefined;
}
