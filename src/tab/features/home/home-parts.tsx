import { createContext, useContext, type ComponentType, type ReactNode } from 'react';

/**
 * What home shows from other features: the button that books a review, and what the periodic Outlook check
 * noticed. This feature does not import
 * booking (features stand alone); the app hands it in (src/tab/app/home-page.tsx).
 */
export type HomeParts = {
  BookMeetingButton: ComponentType<{ pupilId: string; kind: 'annual-review'; label?: string }>;
  OutlookStatus: ComponentType<{ enabled: boolean }>;
};

const HomePartsContext = createContext<HomeParts | null>(null);

export function HomePartsProvider(props: { parts: HomeParts; children: ReactNode }) {
  return <HomePartsContext.Provider value={props.parts}>{props.children}</HomePartsContext.Provider>;
}

export function useHomeParts(): HomeParts {
  const parts = useContext(HomePartsContext);
  if (!parts) throw new Error('Home needs its parts from the app: wrap it in HomePartsProvider.');
  return parts;
}
