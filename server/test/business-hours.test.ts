import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { businessHoursStatus } from '../corps/business-hours.js';
import type { BusinessHours } from '@interop-kit/elements/protocol';

const weekdays9to17: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: {
    '1': [['09:00', '17:00']],
    '2': [['09:00', '17:00']],
    '3': [['09:00', '17:00']],
    '4': [['09:00', '17:00']],
    '5': [['09:00', '17:00']],
  },
};

describe('business hours', () => {
  test('open inside the hours, in the corp time zone', () => {
    // Tuesday 2026-03-24 09:30 in Berlin (CET, UTC+1) is 08:30 UTC.
    assert.deepEqual(businessHoursStatus(weekdays9to17, new Date('2026-03-24T08:30:00Z')), {
      open: true,
      nextOpenAt: null,
    });
    assert.equal(businessHoursStatus(weekdays9to17, new Date('2026-03-24T07:59:00Z')).open, false);
    assert.equal(businessHoursStatus(weekdays9to17, new Date('2026-03-24T16:00:00Z')).open, false, '17:00 closes');
  });

  test('the next opening skips the weekend and follows the clock change', () => {
    // Friday 2026-03-27 18:00 CET; Berlin moves to CEST (UTC+2) on Sunday the 29th: Monday 09:00 is 07:00 UTC.
    assert.deepEqual(businessHoursStatus(weekdays9to17, new Date('2026-03-27T17:00:00Z')), {
      open: false,
      nextOpenAt: '2026-03-30T07:00:00.000Z',
    });
  });

  test('no hours means always open; an unknown time zone is not "closed forever"', () => {
    assert.equal(businessHoursStatus(null).open, true);
    assert.equal(businessHoursStatus({ timezone: 'Mars/Olympus_Mons', weekly: {} }).open, true);
    assert.deepEqual(businessHoursStatus({ timezone: 'UTC', weekly: {} }), { open: false, nextOpenAt: null });
  });
});
