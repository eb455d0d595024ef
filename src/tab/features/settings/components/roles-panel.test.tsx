// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import type { RolesAnswer } from '../../../../contract/settings.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { RolesPanel } from './roles-panel.tsx';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

const server = setupApiServer();

describe('who holds which role', () => {
  it('names each holder, says which hold a role through a group, and says when nobody holds one', async () => {
    server.use(
      apiAnswers.get('*/api/settings/roles', () =>
        HttpResponse.json({
          roles: [
            {
              role: 'Senco',
              label: 'SENCO',
              people: [{ name: 'Jo Okafor', upn: 'j.okafor@oakfield.example.org', viaGroup: null }],
            },
            {
              role: 'SendTeam',
              label: 'SEND team',
              people: [{ name: 'Amy Brooks', upn: 'a.brooks@oakfield.example.org', viaGroup: 'SEND Staff' }],
            },
            { role: 'Headteacher', label: 'Headteacher', people: [] },
          ],
          howToChange: 'In Entra.',
        } satisfies RolesAnswer),
      ),
    );
    renderInTab(<RolesPanel />);
    const sendTeam = (await screen.findByText(/Amy Brooks/)).closest('li')!;
    expect(text(sendTeam)).toBe('Amy Brooks (a.brooks@oakfield.example.org) — through the group SEND Staff');
    const senco = screen.getByText(/Jo Okafor/).closest('li')!;
    expect(text(senco)).toBe('Jo Okafor (j.okafor@oakfield.example.org)');
    expect(within(senco).queryByText(/through the group/)).toBeNull();
    expect(text(screen.getByRole('heading', { name: 'Headteacher' }).nextElementSibling)).toBe('Nobody.');
  });
});
