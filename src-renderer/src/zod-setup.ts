// Must be the first import of main.tsx: zod decides at schema construction whether it may
// compile parsers with `new Function`. Our CSP forbids eval, and even a caught attempt is
// reported as a policy violation, so we switch the JIT off before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });
