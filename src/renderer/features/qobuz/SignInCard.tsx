// Signed out: paste a token, sign in. The field is uncontrolled and emptied on submit, so the token is never kept
// in React state or echoed back; errors say what went wrong and what to do.
import { useId, useRef, type FormEvent } from 'react';
import { ApiError, useApi } from '../../api';
import { Button, Card, ErrorNotice } from '../../components';
import type { QobuzStatusDto } from '../../../shared/contract';
import { CREDENTIAL_LABELS, sentence, signInErrorText } from './labels';
import { useQobuzSignIn } from './useQobuzSignIn';

export function SignInCard({ problem, credentials }: { problem: string | null; credentials: QobuzStatusDto['credentials'] }) {
  const api = useApi();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { signIn, pending, error, setError } = useQobuzSignIn();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = inputRef.current;
    if (!input) return;
    const token = input.value.trim();
    input.value = '';
    if (!token) {
      setError(new ApiError('invalid_input', 'Paste your Qobuz token into the field first.'));
      input.focus();
      return;
    }
    void signIn(token);
  };

  const text = error ? (error.code === 'invalid_input' ? { title: 'No token', message: error.message } : signInErrorText(error, api.connectionState() === 'open')) : null;
  return (
    <Card title="Sign in to Qobuz" description="Cassette downloads the albums and tracks you bought on Qobuz. It signs in with your account’s token: Qobuz no longer lets other apps sign in with a password.">
      {problem && !error ? <ErrorNotice title="Your Qobuz account can’t be used right now" message={problemText(problem, credentials)} /> : null}
      <form className="signin-form" onSubmit={submit} aria-busy={pending} noValidate>
        <label htmlFor={inputId} className="field-label">
          Qobuz token
        </label>
        <div className="field-row">
          <input
            ref={inputRef}
            id={inputId}
            className="input input-secret"
            type="password"
            name="token"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="Paste the token here"
            aria-describedby={hintId}
            aria-invalid={error ? true : undefined}
            disabled={pending}
          />
          <Button type="submit" variant="primary" icon="key" busy={pending}>
            Sign in
          </Button>
        </div>
        <p id={hintId} className="field-hint">
          Cassette checks the token with Qobuz and keeps it on the computer running Cassette. It is never shown again.
        </p>
      </form>
      {text ? <ErrorNotice title={text.title} message={text.message} /> : null}
    </Card>
  );
}

/** A token from the environment or config.toml wins over one entered here: say so, or a new token seems ignored. */
function problemText(problem: string, credentials: QobuzStatusDto['credentials']): string {
  if (credentials === 'env' || credentials === 'config') {
    return `${sentence(problem)} In use: ${CREDENTIAL_LABELS[credentials].charAt(0).toLowerCase()}${CREDENTIAL_LABELS[credentials].slice(1)}, which wins over a token entered here while it is set.`;
  }
  return sentence(problem);
}
