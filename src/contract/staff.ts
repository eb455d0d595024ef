import { z } from 'zod';

/**
 * GET /api/staff?search=…: staff found by the start of a name, for naming who delivers an intervention (a TA
 * named with their account records its sessions and sees its pupils' passports). The SENCO and the SEND team
 * only; the directory is read by the server, never by the tab.
 */
export const staffSearchQuery = z.strictObject({
  search: z
    .string({ error: 'Search must be text' })
    .trim()
    .min(2, { error: 'Search: type at least 2 letters of a name' })
    .max(60, { error: 'Search can be at most 60 characters' }),
});
export type StaffSearchQuery = z.input<typeof staffSearchQuery>;

export type StaffSearchResult = { userId: string; name: string; jobTitle?: string; email?: string };

export type StaffSearchAnswer = { staff: StaffSearchResult[] };
