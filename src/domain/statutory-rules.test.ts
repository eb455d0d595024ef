import { describe, expect, it } from 'vitest';
import { RULES } from './statutory-rules.ts';

const rules = Object.values(RULES);

describe('RULES', () => {
  it('every rule has a unique kebab-case id, a summary and a citation', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.citation.length).toBeGreaterThan(5);
    }
  });

  it('keys match ids (camelCase of the id)', () => {
    for (const [key, rule] of Object.entries(RULES)) {
      expect(rule.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())).toBe(key);
    }
  });

  it('says so in the summary where a rule is local practice or derived', () => {
    for (const rule of rules.filter((r) => r.basis === 'local-practice' || r.basis === 'derived')) {
      expect(rule.summary).toMatch(
        /local practice|not a legal deadline|school’s choice|Back-planning|not itself a legal deadline/i,
      );
    }
  });

  it('cites the regulations for the §1.8 review dates', () => {
    expect(RULES.annualReviewNotice.citation).toBe('SEND Regulations 2014, reg 20(3)');
    expect(RULES.annualReviewLaDecision.citation).toBe('SEND Regulations 2014, reg 20(10)');
    expect(RULES.amendedPlan.citation).toContain('R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)');
    expect(RULES.underFiveReview.citation).toBe('SEND Code of Practice 2015, para 9.178');
    expect(RULES.phaseTransfer.citation).toBe('SEND Regulations 2014, reg 18(1)(b)');
  });
});
