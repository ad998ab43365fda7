import { useEffect, useState } from 'react';
import { DevSignInUnavailable, fetchSignInOptions, type SignInOptions } from './dev-token.ts';

export type SignInOptionsState =
  | { status: 'loading' }
  | { status: 'ready'; options: SignInOptions }
  | { status: 'unavailable' | 'error'; message: string };

export function useSignInOptions(): SignInOptionsState {
  const [state, setState] = useState<SignInOptionsState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    fetchSignInOptions().then(
      (options) => current && setState({ status: 'ready', options }),
      (error: Error) => current && setState({ status: error instanceof DevSignInUnavailable ? 'unavailable' : 'error', message: error.message }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}
