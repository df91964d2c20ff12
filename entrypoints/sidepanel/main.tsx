import { render } from 'preact';
import { App } from './App';
import './lead-actions.css';
import { noteDrafts, preloadBoard } from './data';

// Closing the panel (or the browser) must not lose the last words of a note being typed.
addEventListener('pagehide', () => void noteDrafts.flush());

// The Insights view loads the board later (see App).
if (!location.hash.startsWith('#insights')) preloadBoard();
const root = document.getElementById('app');
if (root) render(<App />, root);
