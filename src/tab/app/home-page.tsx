import { BookMeetingButton, OutlookStatus } from '../features/booking/index.ts';
import { HomePage as Home } from '../features/home/components/home-page.tsx';
import { HomePartsProvider, type HomeParts } from '../features/home/home-parts.tsx';

/** What home shows of other features: composed here, so no feature imports another. */
export const homeParts: HomeParts = { BookMeetingButton, OutlookStatus };

/** Home with every part in it (loaded on first use, see pages.ts). */
export function HomePage() {
  return (
    <HomePartsProvider parts={homeParts}>
      <Home />
    </HomePartsProvider>
  );
}
