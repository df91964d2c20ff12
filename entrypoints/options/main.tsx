import { render } from 'preact';
import { browser } from 'wxt/browser';
import { messagesLanguage, t } from '../../components/i18n';
import { pickLocale } from '../../lib/format';
import '../sidepanel/style.css';
import './options.css';
import { Options } from './Options';

// Dates, numbers and money are written the way the UI's language writes them.
const locale = pickLocale(browser.i18n.getUILanguage(), messagesLanguage());
document.documentElement.lang = locale;
document.title = t('options.title');

const root = document.getElementById('app');
if (root) render(<Options locale={locale} />, root);
