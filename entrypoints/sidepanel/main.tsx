import { render } from 'preact';
import { App } from './App';
import { preloadBoard } from './data';

preloadBoard();
const root = document.getElementById('app');
if (root) render(<App />, root);
