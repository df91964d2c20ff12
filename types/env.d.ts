/** True only in the E2E build (`npm run build:e2e`), which exposes a test hook in the worker. */
declare const __LEADLINE_E2E__: boolean;
