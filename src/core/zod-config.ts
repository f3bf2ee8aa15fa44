/**
 * zod settings for the whole app; imported before any schema is used.
 * jitless: zod would otherwise probe `new Function` (eval), which a strict
 * Content-Security-Policy (no 'unsafe-eval') reports as a violation. zod/mini and zod share this
 * setting (both are zod/v4/core underneath); importing the mini one keeps the full API off the
 * first load.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
