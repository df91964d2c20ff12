import { render } from 'preact';
import { App } from './App';
import { preloadBoard } from './data';

// The Insights view loads the board later (see App).
if (!location.hash.startsWith('#insights')) preloadBoard();
const root = document.getElementById('app');
if (root) render(<App />, root);
