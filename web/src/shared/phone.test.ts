import { expect, it } from 'vitest';
import { formatPhone } from './phone.ts';

it('groups North American numbers and leaves others as stored', () => {
  expect(formatPhone('+14502182137')).toBe('+1 450-218-2137');
  expect(formatPhone('+33142685300')).toBe('+33142685300');
});
