import { render } from 'preact';
import { App } from './App';
import './lead-actions.css';
import { noteDrafts } from './data';

// Closing the panel (or the browser) must not lose the last words of a note being typed.
addEventListener('pagehide', () => void noteDrafts.flush());

const root = document.getElementById('app');
if (root) render(<App />, root);
