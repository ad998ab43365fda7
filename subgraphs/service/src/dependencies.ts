import { loadServiceEnv, type ServiceEnv } from './env.ts';
import { GenieAcsClient, type Acs } from './modules/equipment/acs.client.ts';
import { HttpE911Provider, type E911Provider } from './modules/e911/e911-provider.client.ts';
import { HttpNetworkController, type NetworkController } from './modules/network/network-controller.client.ts';
import { SecretBox } from './modules/voip/secret-box.ts';

/**
 * The third-party systems and keys the subgraph works with, built once per
 * process from the environment. A system without a URL is null: its features
 * report "not configured" instead of failing.
 */
export interface ServiceDependencies {
  acs: Acs | null;
  e911Provider: E911Provider | null;
  network: NetworkController | null;
  secrets: SecretBox;
  sipDomain: string;
}

export function serviceDependencies(env: Readonly<ServiceEnv> = loadServiceEnv()): ServiceDependencies {
  return {
    acs: env.ACS_URL
      ? new GenieAcsClient({
        url: env.ACS_URL,
        username: env.ACS_USERNAME,
        password: env.ACS_PASSWORD,
        timeoutMs: env.ACS_TIMEOUT_MS,
        taskTimeoutMs: env.ACS_TASK_TIMEOUT_MS,
        pauseAfterFailureMs: env.ACS_RETRY_AFTER_MS,
      })
      : null,
    e911Provider: env.E911_PROVIDER_URL ? new HttpE911Provider({ url: env.E911_PROVIDER_URL, apiKey: env.E911_PROVIDER_API_KEY, timeoutMs: env.E911_TIMEOUT_MS }) : null,
    network: env.NETWORK_CONTROLLER_URL ? new HttpNetworkController({ url: env.NETWORK_CONTROLLER_URL, timeoutMs: env.NETWORK_CONTROLLER_TIMEOUT_MS }) : null,
    secrets: new SecretBox(env.SECRETS_KEY),
    sipDomain: env.SIP_DOMAIN,
  };
}
