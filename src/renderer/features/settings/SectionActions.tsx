// Save + Test connection for one settings section, with what each one answered.
import type { ConnectionTestDto } from '../../../shared/contract';
import { Button, ErrorNotice } from '../../components';
import { ConnectionTestResult } from './ConnectionTestResult';

export function SectionActions({ saving, saved, saveError, onTest, testing, testResult, testError, testLabel = 'Test connection', dirty }: {
  saving: boolean;
  saved: boolean;
  saveError: Error | null;
  onTest?: () => void;
  testing?: boolean;
  testResult?: ConnectionTestDto;
  testError?: Error | null;
  testLabel?: string;
  dirty: boolean;
}) {
  return (
    <>
      <div className="settings-actions">
        {onTest ? (
          <Button icon="plug" busy={testing} onClick={onTest}>
            {testLabel}
          </Button>
        ) : null}
        <Button variant="primary" icon="check" type="submit" busy={saving} disabled={!dirty}>
          Save
        </Button>
        <span className="muted settings-saved" role="status">
          {saved && !dirty ? 'Saved. In use now.' : ''}
        </span>
      </div>
      {onTest ? <ConnectionTestResult result={testResult} error={testError ?? null} /> : null}
      {saveError ? <ErrorNotice title="Not saved" message={saveError.message} /> : null}
    </>
  );
}
