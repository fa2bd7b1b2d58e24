/**
 * The widget's clock. The engine never reads the time (DESIGN rule 1): every lab opens at the
 * same fixed moment, Thursday evening of the lesson's incident, and each step a student takes
 * moves the clock on by one minute. Snapshot ages and "stale" warnings are therefore the same
 * on every machine and in every test.
 */
export const LAB_OPENS_AT = Date.UTC(2026, 10, 19, 18, 0, 0);
export const STEP_MS = 60_000;
