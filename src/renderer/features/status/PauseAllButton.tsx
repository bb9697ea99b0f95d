// Pauses or resumes every download. The label says what a press will do.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi, useConnectionState } from '../../api';
import { Button } from '../../components';
import { queueStateKey, useQueueState } from './statusQueries';

export function PauseAllButton() {
  const api = useApi();
  const queryClient = useQueryClient();
  const state = useQueueState();
  const online = useConnectionState() === 'open';
  const paused = state.data?.paused ?? false;
  const toggle = useMutation({
    mutationFn: () => request(api, paused ? 'queue.resume' : 'queue.pause'),
    onSuccess: (next) => queryClient.setQueryData(queueStateKey, next),
  });
  return (
    <Button
      variant={paused ? 'primary' : 'secondary'}
      size="sm"
      icon={paused ? 'play' : 'pause'}
      busy={toggle.isPending}
      disabled={!state.data || !online}
      onClick={() => toggle.mutate()}
      title={toggle.error ? toggle.error.message : undefined}
    >
      <span className="btn-label">{paused ? 'Resume all' : 'Pause all'}</span>
    </Button>
  );
}
