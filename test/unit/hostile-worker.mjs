// Starts ./hostile-worker.ts in a worker thread: tsx compiles the TypeScript there, as it does
// for the scripts (a worker does not inherit vitest's transform).
import { register } from 'tsx/esm/api';

register();
await import('./hostile-worker.ts');
