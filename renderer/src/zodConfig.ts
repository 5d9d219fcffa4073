import { z } from 'zod';

// Imported first by main.tsx, before any module builds a schema. The app's CSP has no
// 'unsafe-eval'; zod decides at schema creation whether to compile parsers with `new Function`,
// probing once — a probe the browser logs as a CSP violation. Its interpreter is fast enough here.
z.config({ jitless: true });
