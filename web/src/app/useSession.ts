import { useSyncExternalStore } from 'react';
import { currentSession, subscribeSession, type Session } from './session-store.ts';

export const useSession = (): Session | null => useSyncExternalStore(subscribeSession, currentSession);
