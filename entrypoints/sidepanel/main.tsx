import { render } from 'preact';
import { browser } from 'wxt/browser';
import { messagesLanguage } from '../../components/i18n';
import { pickLocale } from '../../lib/format';
import { App } from './App';
import './lead-actions.css';
import { noteDrafts, preloadBoard } from './data';

// Dates, numbers and money are written the way the UI's language writes them.
const locale = pickLocale(browser.i18n.getUILanguage(), messagesLanguage());
document.documentElement.lang = locale;

// Closing the panel (or the browser) must not lose the last words of a note being typed.
addEventListener('pagehide', () => void noteDrafts.flush());

// The Insights view loads the board later (see App).
if (!location.hash.startsWith('#insights')) preloadBoard();
const root = document.getElementById('app');
if (root) render(<App locale={locale} />, root);
