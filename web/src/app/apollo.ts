import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { ServerError } from '@apollo/client/errors';
import { createCache } from './cache.ts';
import { hasErrorCode } from '../shared/graphql-errors.ts';

export interface ApolloOptions {
  /** The gateway's GraphQL endpoint: `/graphql` in the browser (same origin), a full URL in tests. */
  uri: string;
  getToken: () => string | undefined;
  /** Called when the gateway refuses the token (expired, or signed with another secret). */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export function createApolloClient(options: ApolloOptions): ApolloClient {
  const auth = new SetContextLink((context) => {
    const token = options.getToken();
    return token ? { headers: { ...context.headers, authorization: `Bearer ${token}` } } : {};
  });
  const unauthenticated = new ErrorLink(({ error }) => {
    if (hasErrorCode(error, 'UNAUTHENTICATED') || (ServerError.is(error) && error.statusCode === 401)) options.onUnauthenticated?.();
  });
  const http = new HttpLink({ uri: options.uri, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return new ApolloClient({ link: ApolloLink.from([unauthenticated, auth, http]), cache: createCache() });
}
