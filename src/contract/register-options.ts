/**
 * The register's orders (the server keeps each one sorted: register-rows.ts) and its largest page. Apart from
 * register.ts so the tab's register reads them without zod in its first download.
 */
export const REGISTER_SORTS = ['name', 'year', 'status', 'review-due'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

/** The largest page GET /api/pupils gives. */
export const REGISTER_PAGE_LIMIT = 1000;
