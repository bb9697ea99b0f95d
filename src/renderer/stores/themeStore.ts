// Light/dark theme: follows the system until the user picks one, which is then remembered in localStorage.
import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export type ThemeChoice = Theme | 'system';

const KEY = 'cassette.theme';

const systemTheme = (): Theme => (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

function savedChoice(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
  setTheme(theme: Theme): void;
}

const apply = (theme: Theme) => document.documentElement.setAttribute('data-theme', theme);

export const useThemeStore = create<ThemeState>((set) => {
  const choice = savedChoice();
  return {
    choice,
    theme: choice === 'system' ? systemTheme() : choice,
    setTheme(theme) {
      try {
        window.localStorage.setItem(KEY, theme);
      } catch {
        /* private mode: the choice lasts for this session */
      }
      apply(theme);
      set({ choice: theme, theme });
    },
  };
});

/** Applies the theme before the first render and follows the system while no choice is saved. */
export function startTheme(): void {
  apply(useThemeStore.getState().theme);
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const { choice } = useThemeStore.getState();
    if (choice !== 'system') return;
    const theme = systemTheme();
    apply(theme);
    useThemeStore.setState({ theme });
  });
}
