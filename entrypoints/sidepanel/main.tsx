import { render } from 'preact';
import { browser } from 'wxt/browser';
import { messagesLanguage } from '../../components/i18n';
import { pickLocale } from '../../lib/format';
import { App } from './App';

// Dates, numbers and money are written the way the UI's language writes them.
const locale = pickLocale(browser.i18n.getUILanguage(), messagesLanguage());
document.documentElement.lang = locale;

const root = document.getElementById('app');
if (root) render(<App locale={locale} />, root);
