import { useState, type FormEvent } from 'react';
import { signIn, signOutReason } from '../../app/session-store.ts';
import { requestDevToken } from './dev-token.ts';
import { useSignInOptions } from './useSignInOptions.ts';

/** Development sign-in: pick a tenant and a role, get a token from the gateway. */
export function SignInPage() {
  const state = useSignInOptions();
  const [tenant, setTenant] = useState('');
  const [role, setRole] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = signOutReason();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.status !== 'ready') return;
    const chosenTenant = tenant || state.options.tenants[0]?.id || '';
    const chosenRole = role || state.options.roles[0] || '';
    setSubmitting(true);
    setError(null);
    try {
      signIn({ token: await requestDevToken(chosenTenant, chosenRole), tenant: chosenTenant, role: chosenRole });
    } catch (failure) {
      setError((failure as Error).message);
      setSubmitting(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Customer 360</h1>
      {reason && <p className="notice" role="status">{reason}</p>}
      {state.status === 'loading' && <p>Loading…</p>}
      {(state.status === 'unavailable' || state.status === 'error') && (
        <div className="error-box" role="alert">
          <p>{state.message}</p>
          {state.status === 'unavailable' && <p>Start the system with <code>npm start</code>, which turns it on (gateway <code>DEV_TOKENS=true</code>).</p>}
        </div>
      )}
      {state.status === 'ready' && (
        <form onSubmit={submit} className="card form">
          <h2>Development sign-in</h2>
          <div className="field">
            <label htmlFor="sign-in-tenant">Tenant</label>
            <select id="sign-in-tenant" value={tenant || state.options.tenants[0]?.id} onChange={(event) => setTenant(event.target.value)}>
              {state.options.tenants.map((option) => <option key={option.id} value={option.id}>{option.name} ({option.id})</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sign-in-role">Role</label>
            <select id="sign-in-role" value={role || state.options.roles[0]} onChange={(event) => setRole(event.target.value)}>
              {state.options.roles.map((option) => <option key={option} value={option}>{option}</option>)}
            </select>
          </div>
          {error && <p className="error-box" role="alert">{error}</p>}
          <button type="submit" className="primary" disabled={submitting}>{submitting ? 'Signing in…' : 'Sign in'}</button>
        </form>
      )}
    </main>
  );
}
