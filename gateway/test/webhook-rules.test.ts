import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { parse, buildSchema } from 'graphql';
import { STANDARD_RETRY_SCHEDULE, gatewayEnvSchema } from '../src/env.ts';
import { checkFieldAccess } from '../src/partners/field-access.ts';
import { eventPatternAllowed, eventTypeAllowed, eventTypeScopes, fieldAllowed, fieldScopes } from '../src/partners/scopes.ts';
import { verifyWithReferenceLibrary } from '../src/testing.ts';
import { retryAfter, retryDelayMs } from '../src/webhooks/dispatcher.ts';
import { newWebhookSecret, signWebhook } from '../src/webhooks/signing.ts';
import { checkTargetUrl, guardedLookup, refusal } from '../src/webhooks/targets.ts';

describe('webhook signatures', () => {
  it('are Standard Webhooks signatures: the reference library verifies them, and refuses a changed body or another secret', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'customer.updated', timestamp: '2026-11-21T09:00:00.000Z', data: { customerId: 'c1' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body) };
    expect(verifyWithReferenceLibrary(secret, body, headers)).toEqual(JSON.parse(body));
    expect(() => verifyWithReferenceLibrary(secret, body.replace('c1', 'c2'), headers)).toThrow();
    expect(() => verifyWithReferenceLibrary(newWebhookSecret(), body, headers)).toThrow();
    // Too old a timestamp is a replay.
    const old = timestamp - 3600;
    expect(() => verifyWithReferenceLibrary(secret, body, { ...headers, 'webhook-timestamp': String(old), 'webhook-signature': signWebhook(secret, 'msg_1', old, body) })).toThrow();
  });
});

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', 'public', 'loopback'], ['::1', 'public', 'loopback'], ['::ffff:127.0.0.1', 'public', 'loopback'],
    ['10.0.0.8', 'loopback', 'private'], ['192.168.1.1', 'public', 'private'], ['172.20.0.1', 'loopback', 'private'], ['fd12::1', 'public', 'private'],
    ['169.254.169.254', 'private', 'link-local'], ['0.0.0.0', 'private', 'reserved'], ['fe80::1', 'private', 'link-local'],
  ] as const)('refuse %s under the %s policy', (address, policy, why) => {
    expect(refusal(address, policy)).toMatch(why === 'reserved' || why === 'link-local' ? /reserved or link-local/ : new RegExp(why));
  });

  it.each([
    ['127.0.0.1', 'loopback'], ['10.0.0.8', 'private'], ['8.8.8.8', 'public'], ['2606:4700::1111', 'public'],
  ] as const)('allow %s under the %s policy', (address, policy) => {
    expect(refusal(address, policy)).toBeNull();
  });

  it('checks URLs when they are registered, naming the input field', async () => {
    await expect(checkTargetUrl('http://127.0.0.1:8080/hook', 'public', 'input.url')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    await expect(checkTargetUrl('http://localhost/hook', 'public', 'input.url')).rejects.toMatchObject({ field: 'input.url' });
    expect(await checkTargetUrl('http://127.0.0.1:8080/hook', 'loopback', 'input.url')).toBe('http://127.0.0.1:8080/hook');
    await expect(checkTargetUrl('gopher://example.com/', 'private', 'input.url')).rejects.toMatchObject({ field: 'input.url' });
  });
});

/** A GET to `url` through the delivery agent's DNS lookup under `policy`: the status, or the connection's error. */
function getThrough(url: string, policy: 'public' | 'loopback'): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    http.get(url, { lookup: guardedLookup(policy) }, (response) => {
      response.resume();
      resolve({ status: response.statusCode! });
    }).on('error', (error) => resolve({ error }));
  });
}

describe('webhook targets when connecting', () => {
  it('are refused when the host resolves to a refused address, whatever it resolved to at registration (DNS rebinding)', async () => {
    const server = http.createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://localhost:${(server.address() as { port: number }).port}/hooks`;
    try {
      const refused = await getThrough(url, 'public');
      expect(refused.error).toMatchObject({ code: 'ETARGETREFUSED', message: expect.stringContaining('loopback') });
      expect(await getThrough(url, 'loopback')).toEqual({ status: 204 });
    } finally {
      server.close();
    }
  });
});

describe('the retry schedule', () => {
  it("is the Standard Webhooks example schedule by default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    const hours = 3600;
    expect(STANDARD_RETRY_SCHEDULE).toEqual([5, 5 * 60, 30 * 60, 2 * hours, 5 * hours, 10 * hours, 14 * hours, 20 * hours, 24 * hours]);
    expect(gatewayEnvSchema.parse({}).WEBHOOK_RETRY_SCHEDULE).toEqual(STANDARD_RETRY_SCHEDULE);
    // The specification's table: the last attempt 75 h 35 min 5 s after the first.
    expect(STANDARD_RETRY_SCHEDULE.reduce((total, step) => total + step, 0)).toBe(75 * hours + 35 * 60 + 5);
    expect(gatewayEnvSchema.parse({ WEBHOOK_RETRY_SCHEDULE: '1,2.5,60' }).WEBHOOK_RETRY_SCHEDULE).toEqual([1, 2.5, 60]);
    expect(() => gatewayEnvSchema.parse({ WEBHOOK_RETRY_SCHEDULE: '5,soon' })).toThrow(/comma-separated list of seconds/);
  });

  it('waits each step with ±10 % jitter, never sooner than a Retry-After, and ends after the last step (dead letter)', () => {
    const steps = STANDARD_RETRY_SCHEDULE.map((seconds) => seconds * 1000);
    // Attempt n failed: the wait before attempt n + 1 is step n.
    steps.forEach((ms, index) => {
      expect(retryDelayMs(STANDARD_RETRY_SCHEDULE, index + 1, null, () => 0)).toBe(Math.round(ms * 0.9));
      expect(retryDelayMs(STANDARD_RETRY_SCHEDULE, index + 1, null, () => 0.5)).toBe(ms);
      const latest = retryDelayMs(STANDARD_RETRY_SCHEDULE, index + 1, null, () => 0.999_999)!;
      expect(latest).toBeGreaterThan(ms * 1.099);
      expect(latest).toBeLessThanOrEqual(Math.round(ms * 1.1));
    });
    const delays = Array.from({ length: 200 }, () => retryDelayMs(STANDARD_RETRY_SCHEDULE, 3, null)!);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1800_000 * 0.9);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1800_000 * 1.1);
    expect(new Set(delays).size).toBeGreaterThan(150);
    // Retry-After is a floor: a later one wins, an earlier one does not bring the retry forward.
    expect(retryDelayMs(STANDARD_RETRY_SCHEDULE, 1, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(STANDARD_RETRY_SCHEDULE, 2, 60_000, () => 0.5)).toBe(300_000);
    expect(retryDelayMs(STANDARD_RETRY_SCHEDULE, STANDARD_RETRY_SCHEDULE.length + 1, 60_000)).toBeNull();
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date, capped at a day', () => {
    const now = Date.parse('2026-11-21T09:00:00Z');
    expect(retryAfter('120', now)).toBe(120_000);
    expect(retryAfter('Sat, 21 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfter('999999', now)).toBe(86_400_000);
    expect(retryAfter(undefined, now)).toBeNull();
    expect(retryAfter('soon', now)).toBeNull();
  });
});

describe("partners' scopes", () => {
  it('match event types exactly, by family, or all', () => {
    expect(eventTypeAllowed(['customer.*'], 'customer.updated')).toBe(true);
    expect(eventTypeAllowed(['customer.*'], 'customer_address.created')).toBe(false);
    expect(eventTypeAllowed(['invoice.created'], 'invoice.issued')).toBe(false);
    expect(eventTypeAllowed(['*'], 'ticket.opened')).toBe(true);
    expect(eventPatternAllowed(['customer.*'], 'customer.updated')).toBe(true);
    expect(eventPatternAllowed(['customer.updated'], 'customer.*')).toBe(false);
    expect(eventPatternAllowed(['customer.*'], '*')).toBe(false);
  });

  it('validate scopes, naming the entry at fault', () => {
    expect(eventTypeScopes([' customer.* ', 'customer.*', 'invoice.created'], 'input.eventTypes')).toEqual(['customer.*', 'invoice.created']);
    expect(() => eventTypeScopes(['customer.*', 'Customer'], 'input.eventTypes')).toThrow(expect.objectContaining({ field: 'input.eventTypes[1]' }));
    expect(() => fieldScopes(['Customer.name', 'name'], 'input.fields')).toThrow(expect.objectContaining({ field: 'input.fields[1]' }));
    expect(fieldAllowed(['Customer.*'], 'Customer', 'email')).toBe(true);
    expect(fieldAllowed(['Customer.name'], 'Customer', 'email')).toBe(false);
    expect(fieldAllowed([], 'CustomerChange', 'id')).toBe(true);
  });

  it("refuse an operation that selects a field outside the key's, through fragments too", () => {
    const schema = buildSchema('type Query { customer(id: ID!): Customer } type Customer { name: String email: String }');
    const fields = ['Query.customer', 'Customer.name'];
    expect(checkFieldAccess(schema, parse('{ customer(id: 1) { name __typename } }'), fields)).toBeNull();
    const refused = checkFieldAccess(schema, parse('{ customer(id: 1) { ...F } } fragment F on Customer { email }'), fields);
    expect(refused?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Customer.email' });
  });
});
