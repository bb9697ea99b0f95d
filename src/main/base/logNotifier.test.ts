import { expect, it } from 'vitest';
import { logNotifier } from './ports';

it('the headless notifier writes a notification as one log line and leaves progress to the page', () => {
  const lines: string[] = [];
  const n = logNotifier({ info: (m) => lines.push(m), warn: () => {}, error: () => {} });
  n.progress(0.5, 'Road trip: 60/120');
  n.notify('Road trip', '112 downloaded, 6 already owned, 2 need review');
  expect(lines).toEqual(['Road trip — 112 downloaded, 6 already owned, 2 need review']);
});
