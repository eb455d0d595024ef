import { pageOf, parsePage, routeFromUrl, urlForRoute, type Route } from './route.ts';

describe('the tab’s pages in the URL', () => {
  const routes: Route[] = [
    { name: 'home' },
    { name: 'register' },
    { name: 'pupil', pupilId: 'p-1' },
    { name: 'pupil', pupilId: 'p-1', section: 'ehc-plan' },
    { name: 'passport', pupilId: 'p-1' },
    { name: 'provision' },
    { name: 'class', groupId: '4927db21-4f08-40e7-b377-f740b63b64ec' },
    { name: 'my-pupils' },
  ];

  it.each(routes)('reads back the page it writes: %o', (route) => {
    expect(parsePage(pageOf(route))).toEqual(route);
  });

  it('treats the overview as the pupil’s default section', () => {
    expect(pageOf({ name: 'pupil', pupilId: 'p-1', section: 'overview' })).toBe('pupil/p-1');
  });

  it.each(['', 'nowhere', 'pupil', 'pupil/', 'pupil/a/b/c', 'pupil/a/unknown', 'class/a b', 'pupil/..%2F..'])(
    'gives nothing for an unknown or malformed page %j, so the role’s start page is used',
    (page) => {
      expect(parsePage(page)).toBeUndefined();
    },
  );

  it('takes Teams’ empty {page.subPageId} placeholder as no page', () => {
    expect(routeFromUrl(new URL('https://app.example/?page=&theme=dark'))).toBeUndefined();
  });

  it('keeps ?user=, ?team= and ?theme= when moving between pages', () => {
    const url = urlForRoute(new URL('http://localhost/?user=a%40b&team=t1&theme=dark'), { name: 'register' });
    expect(url.searchParams.get('user')).toBe('a@b');
    expect(url.searchParams.get('team')).toBe('t1');
    expect(url.searchParams.get('theme')).toBe('dark');
    expect(url.searchParams.get('page')).toBe('register');
  });

  it('puts the configuration page on its own path (the manifest’s configurationUrl), and leaves it again', () => {
    const config = urlForRoute(new URL('http://localhost/?theme=dark'), { name: 'config' });
    expect(config.pathname).toBe('/config');
    expect(routeFromUrl(config)).toEqual({ name: 'config' });
    const back = urlForRoute(config, { name: 'home' });
    expect(back.pathname).toBe('/');
  });
});
