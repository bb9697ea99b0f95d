// An inline error with the message the core gave and, when it can help, a retry.
import { Button } from './Button';
import { Icon } from './Icon';

export function ErrorNotice({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-danger" role="alert">
      <Icon name="alert" />
      <div className="notice-body">
        <strong>{title}</strong>
        <span>{message}</span>
      </div>
      {onRetry ? (
        <Button size="sm" icon="retry" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
