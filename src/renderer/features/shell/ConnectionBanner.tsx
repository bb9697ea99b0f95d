// Says so, plainly, when Cassette cannot be reached, and offers to try again now.
import { useApi, useConnectionState } from '../../api';
import { Button, Icon } from '../../components';

export function ConnectionBanner() {
  const api = useApi();
  const state = useConnectionState();
  if (state === 'down') {
    return (
      <div className="banner banner-danger" role="alert">
        <Icon name="wifiOff" />
        <div className="banner-text">
          <strong>Can't reach Cassette</strong>
          <span>The connection to the Cassette service was lost. Retrying in the background; what you see may be out of date.</span>
        </div>
        <Button size="sm" icon="retry" onClick={() => api.reconnect()}>
          Retry
        </Button>
      </div>
    );
  }
  if (state === 'unauthorized') {
    return (
      <div className="banner banner-danger" role="alert">
        <Icon name="alert" />
        <div className="banner-text">
          <strong>Cassette didn't accept this page's access token</strong>
          <span>
            Open the link that <code>npm run serve</code> printed (it carries a fresh token), or restart Cassette and use its new
            link.
          </span>
        </div>
      </div>
    );
  }
  return null;
}
