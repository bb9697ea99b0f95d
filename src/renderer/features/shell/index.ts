export { ConnectionBanner } from './ConnectionBanner';
export { PageHeader } from './PageHeader';
export { Sidebar } from './Sidebar';
export { ThemeSwitch } from './ThemeSwitch';
export { TopBar } from './TopBar';
