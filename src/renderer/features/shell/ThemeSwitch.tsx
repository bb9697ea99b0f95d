// Dark theme on/off. Starts from the system preference; the user's choice is remembered.
import { Icon } from '../../components';
import { useThemeStore } from '../../stores/themeStore';

export function ThemeSwitch() {
  const theme = useThemeStore((s) => s.theme);
  const setTheme = useThemeStore((s) => s.setTheme);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={dark}
      className="theme-switch"
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
    >
      <Icon name={dark ? 'moon' : 'sun'} size={16} />
      <span className="theme-switch-label">Dark theme</span>
      <span className="theme-switch-track" aria-hidden="true">
        <span className="theme-switch-thumb" />
      </span>
    </button>
  );
}
