import { describe, expect, it } from 'vitest';
import { parse, buildSchema } from 'graphql';
import { checkFieldAccess } from '../src/partners/field-access.ts';
import { eventPatternAllowed, eventTypeAllowed, eventTypeScopes, fieldAllowed, fieldScopes } from '../src/partners/scopes.ts';
import { verifyWithReferenceLibrary } from '../src/testing.ts';
import { retryAfter } from '../src/webhooks/dispatcher.ts';
import { newWebhookSecret, signWebhook } from '../src/webhooks/signing.ts';
import { checkTargetUrl, refusal } from '../src/webhooks/targets.ts';

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
