/**
 * Every site-specific DOM selector, in one place. Sites change their markup without notice:
 * each key lists alternatives, tried in order, with where each applies. When none matches, the
 * site rule reports `matched: false` and the generic extraction takes over (the card then says
 * "layout not recognised"). Tested against the fixtures in test/fixtures/extract/.
 */

/** Selector alternatives for one field, tried in order. */
export type Alternatives = readonly string[];

export const linkedinPerson = {
  /** The profile's name. */
  name: [
    'h1.top-card-layout__title', // public (logged-out) profile
    'h1.text-heading-xlarge', // logged-in profile
    '.pv-top-card h1', // older logged-in profile
  ],
  /** The headline under the name, often "Title at Company". */
  headline: [
    'h2.top-card-layout__headline', // public profile
    '.pv-text-details__left-panel .text-body-medium', // logged-in profile
    '.ph5 .text-body-medium.break-words', // logged-in profile, 2024
  ],
  /** The location line. */
  location: [
    '.top-card-layout__first-subline .top-card__subline-item', // public profile, 2023+
    '.top-card-layout__first-subline > div > span', // public profile, older
    '.pv-text-details__left-panel .text-body-small.inline', // logged-in profile
    '.ph5 span.text-body-small.inline.break-words', // logged-in profile, 2024
  ],
  /** The current employer's name in the top card. */
  company: [
    '[data-section="currentPositionsDetails"] .top-card-link__description', // public profile
    'button[aria-label^="Current company"] span', // logged-in profile
    '.pv-text-details__right-panel-item-text', // logged-in profile, older
  ],
  /** The current employer's LinkedIn page. */
  companyLink: [
    'a[data-tracking-control-name="public_profile_topcard-current-company"]', // public profile
    '[data-section="currentPositionsDetails"] a[href*="/company/"]', // public profile, variant
  ],
} as const satisfies Record<string, Alternatives>;

export const linkedinCompany = {
  /** The organisation's name. */
  name: [
    'h1.top-card-layout__title', // public company page
    'h1.org-top-card-summary__title', // logged-in company page
    '.org-top-card h1', // logged-in, variant
  ],
  /** The "About us" text. */
  description: [
    '[data-test-id="about-us__description"]', // public company page
    'p.about-us__description', // public, older
    '.org-about-us-organization-description__text', // logged-in About tab
  ],
  /** The company's own website (a LinkedIn redirect link on public pages). */
  website: [
    '[data-test-id="about-us__website"] a', // public company page
    '.org-about-us-company-module__website a', // logged-in About tab
    'a.org-top-card-primary-actions__action[href^="http"]', // logged-in "Visit website" button
  ],
  /** The industry. */
  industry: [
    '[data-test-id="about-us__industry"] dd', // public company page
    '.org-top-card-summary-info-list__info-item:first-child', // logged-in top card
  ],
  /** The headquarters' location. */
  headquarters: [
    '[data-test-id="about-us__headquarters"] dd', // public company page
    '.org-top-card-summary-info-list .inline-block > div:first-child', // logged-in top card
  ],
} as const satisfies Record<string, Alternatives>;

export const githubProfile = {
  /** The user's display name (the `.vcard-fullname` microformat-era class, itemprop on newer pages). */
  name: ['.vcard-fullname', 'h1.vcard-names [itemprop="name"]', '[itemprop="name"].p-name'],
  /** The login, for when no display name is set. */
  login: ['.vcard-username', '.p-nickname'],
  /** The company line ("@acme" links the org). */
  company: ['[itemprop="worksFor"] .p-org', '.vcard-detail .p-org', '[itemprop="worksFor"]'],
  /** The location line. */
  location: ['[itemprop="homeLocation"] .p-label', '[itemprop="homeLocation"]'],
  /** The website link. */
  website: ['[itemprop="url"] a', '[data-test-selector="profile-website-url"] a'],
  /** A public email. */
  email: ['[itemprop="email"] a', 'li.vcard-detail a[href^="mailto:"]'],
  /** Linked social accounts. */
  social: ['[itemprop="social"] a', 'li.vcard-detail a[rel~="me"]'],
  /** The bio, which often holds the job title. */
  bio: ['.user-profile-bio', '.p-note'],
} as const satisfies Record<string, Alternatives>;

export const githubOrg = {
  /** An organisation's name in its header. */
  name: ['.orghead h1', 'header .org-name h1', '[itemtype$="/Organization"] h1'],
  /** Its website link. */
  website: ['.orghead a[itemprop="url"]', '.orghead a[rel~="nofollow"][href^="http"]'],
  /** Its location. */
  location: ['.orghead [itemprop="location"]'],
  /** Its description. */
  description: ['.orghead .color-fg-muted > div', '.orghead p'],
} as const satisfies Record<string, Alternatives>;

export const xProfile = {
  /** Name and "@handle", in two spans (the React app's test ids are the stable hooks). */
  userName: ['[data-testid="UserName"]'],
  /** The bio. */
  description: ['[data-testid="UserDescription"]'],
  /** The location. */
  location: ['[data-testid="UserLocation"]'],
  /** The website: a t.co link whose text is the real address. */
  url: ['[data-testid="UserUrl"]', 'a[data-testid="UserUrl"]'],
} as const satisfies Record<string, Alternatives>;

export const crunchbaseOrg = {
  /** The organisation's name. */
  name: ['profile-header h1', 'h1.profile-name', '.profile-name'],
  /** The short description. */
  description: ['profile-section description-card .description', 'span.description', '.description'],
  /** The website link (Crunchbase renders links through field-formatter components). */
  website: [
    'a.component--field-formatter.link-accent[href^="http"]:not([href*="crunchbase.com"])',
    'link-formatter a[href^="http"]:not([href*="crunchbase.com"])',
  ],
  /** Industry chips. */
  industries: ['a.chip[href*="/industries/"]', 'a[href*="/search/organizations/field/organizations/categories/"]'],
  /** Headquarters location links (city, region, country). */
  location: ['a[href*="/location_identifiers/"]', 'identifier-multi-formatter a[href*="/hub/"]'],
  /** Social links. */
  linkedin: ['a[href*="linkedin.com/company/"]'],
  twitter: ['a[href*="twitter.com/"]', 'a[href*="x.com/"]'],
} as const satisfies Record<string, Alternatives>;
