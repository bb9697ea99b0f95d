// What "Test connection" found, in words: connected (and to what), or exactly what is wrong.
import type { ConnectionTestDto } from '../../../shared/contract';
import { Icon } from '../../components';

const PROBLEM_TITLES: Record<NonNullable<ConnectionTestDto['problem']>, string> = {
  not_configured: 'Not set up',
  unreachable: 'Unreachable',
  bad_key: 'Key refused',
  wrong_version: 'Wrong version',
  folder_not_visible: 'Folder not visible from here',
  not_writable: 'Folder not writable',
  not_connected: 'Not connected',
};

export function ConnectionTestResult({ result, error }: { result: ConnectionTestDto | undefined; error: Error | null }) {
  return (
    <div role="status" className="test-result-slot">
      {error ? (
        <div className="notice notice-danger">
          <Icon name="alert" />
          <div className="notice-body">
            <strong>Test failed</strong>
            <span>{error.message}</span>
          </div>
        </div>
      ) : result ? (
        <div className={`notice ${result.ok ? 'notice-success' : 'notice-danger'}`}>
          <Icon name={result.ok ? 'check' : 'alert'} />
          <div className="notice-body">
            <strong>{result.ok ? 'Connected' : result.problem ? PROBLEM_TITLES[result.problem] : 'Problem'}</strong>
            <span>{result.message}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
