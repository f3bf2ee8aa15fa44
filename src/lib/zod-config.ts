/**
 * zod settings for the whole app; imported before any schema is used.
 * jitless: zod would otherwise probe `new Function` (eval), which a strict
 * Content-Security-Policy (no 'unsafe-eval') reports as a violation.
 */
import { z } from 'zod';

z.config({ jitless: true });
