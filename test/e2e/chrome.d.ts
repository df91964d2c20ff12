/// <reference types="chrome" />
// E2E callbacks run inside the extension's worker or pages, where `chrome` is the real API.
