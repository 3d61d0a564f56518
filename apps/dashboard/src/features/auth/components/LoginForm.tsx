import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { useLogin } from '../hooks/useLogin';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

export function LoginForm({ notice }: { notice?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const loginMutation = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('auth.emailRequired');
    if (!password) errors.password = t('auth.passwordRequired');
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      document.getElementById(errors.email ? `${id}-email` : `${id}-password`)?.focus();
      return;
    }
    loginMutation.mutate({ email: email.trim(), password });
  }

  const failure = loginMutation.error;
  // The API explains the failure in the request's language (problem+json `detail`); say something
  // useful ourselves only when it could not answer at all.
  const failureText =
    failure instanceof ApiError
      ? (failure.problem?.detail ?? failure.problem?.title ?? t('auth.failed'))
      : failure
        ? t('auth.unreachable')
        : null;
  const busy = loginMutation.isPending || loginMutation.isSuccess;

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-describedby={notice ? `${id}-notice` : undefined}
    >
      {notice && !failureText && (
        <p id={`${id}-notice`} className="notice" role="status">
          {notice}
        </p>
      )}
      {failureText && (
        <p className="alert" role="alert">
          {failureText}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? `${id}-email-error` : undefined}
        />
        {fieldErrors.email && (
          <p id={`${id}-email-error`} className="field__error">
            {fieldErrors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
        />
        {fieldErrors.password && (
          <p id={`${id}-password-error`} className="field__error">
            {fieldErrors.password}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
        {busy ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
