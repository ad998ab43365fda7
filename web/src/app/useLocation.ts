import { useSyncExternalStore } from 'react';
import { currentLocation, subscribeLocation, type AppLocation } from './router.ts';

export const useLocation = (): AppLocation => useSyncExternalStore(subscribeLocation, currentLocation);
