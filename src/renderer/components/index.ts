export { Button, type ButtonProps } from './Button';
export { Card } from './Card';
export { EmptyState } from './EmptyState';
export { ErrorNotice } from './ErrorNotice';
export { Icon, type IconName } from './Icon';
export { ProgressBar } from './ProgressBar';
export { StatList, type Stat, type StatTone } from './StatList';
