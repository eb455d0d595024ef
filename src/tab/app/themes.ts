import { teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ThemeName } from '../host/teams-host.ts';

/**
 * Fluent UI's Teams themes, loaded as needed: most people use the light one, which comes with the tab; the dark
 * and high-contrast ones (several KB of tokens each) come in their own chunk, before the first render when the
 * tab opens in them (start.tsx) and on the change when Teams switches theme.
 */
const loaded: Partial<Record<ThemeName, Theme>> = { default: teamsLightTheme };

export async function loadTheme(name: ThemeName): Promise<Theme> {
  const ready = loaded[name];
  if (ready) return ready;
  const { teamsDarkTheme, teamsHighContrastTheme } = await import('./other-themes.ts');
  loaded.dark = teamsDarkTheme;
  loaded.contrast = teamsHighContrastTheme;
  return name === 'dark' ? teamsDarkTheme : teamsHighContrastTheme;
}

/** The theme to draw with: the one asked for once it is loaded, the one before it meanwhile. */
export function useFluentTheme(name: ThemeName): Theme {
  const [theme, setTheme] = useState<{ name: ThemeName; value: Theme }>(() => ({
    name: loaded[name] ? name : 'default',
    value: loaded[name] ?? teamsLightTheme,
  }));
  useEffect(() => {
    if (theme.name === name) return;
    let current = true;
    void loadTheme(name).then((value) => {
      if (current) setTheme({ name, value });
    });
    return () => {
      current = false;
    };
  }, [name, theme.name]);
  return theme.value;
}
