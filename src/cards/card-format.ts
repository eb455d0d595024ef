/** `Reception`, `Year 4`, `Nursery 2`: a year group as the school says it. */
export function yearGroupLabel(yearGroup: string | null | undefined): string | undefined {
  if (!yearGroup) return undefined;
  if (yearGroup === 'R') return 'Reception';
  if (yearGroup.startsWith('N')) return `Nursery ${yearGroup.slice(1)}`;
  if (yearGroup.startsWith('Y')) return `Year ${yearGroup.slice(1)}`;
  return yearGroup;
}
