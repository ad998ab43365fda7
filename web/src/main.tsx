import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from './app/apollo.ts';
import { App } from './app/App.tsx';
import { currentSession, signOut, subscribeSession } from './app/session-store.ts';
import './styles.css';

const client = createApolloClient({
  uri: '/graphql',
  getToken: () => currentSession()?.token,
  onUnauthenticated: () => signOut('Your session has expired. Sign in again.'),
});

// What one sign-in could read (another tenant, another role) must never show to the next one.
let token = currentSession()?.token;
subscribeSession(() => {
  const next = currentSession()?.token;
  if (next !== token) void client.clearStore();
  token = next;
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
