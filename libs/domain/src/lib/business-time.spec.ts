import fc from 'fast-check';
import { addBusinessMinutes, type BusinessSchedule, businessMinutesBetween, scheduleProblem } from './business-time';

const at = (iso: string) => new Date(iso);
const weekdays = (timezone: string, hours: [string, string][] = [['09:00', '17:00']], holidays: string[] = []): BusinessSchedule => ({
  timezone,
  weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  holidays,
});
const everyDay = (timezone: string, hours: [string, string][]): BusinessSchedule => ({
  timezone,
  weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours },
  holidays: [],
});

describe('addBusinessMinutes', () => {
  it('counts wall-clock minutes without a schedule', () => {
    expect(addBusinessMinutes(at('2026-03-06T10:00:00Z'), 90, null)).toEqual(at('2026-03-06T11:30:00Z'));
  });

  it('carries what is left at Friday close over to Monday morning, in the schedule zone', () => {
    // 16:00 in London on Friday 6 March (GMT): one hour left that day, one on Monday.
    expect(addBusinessMinutes(at('2026-03-06T16:00:00Z'), 120, weekdays('Europe/London'))).toEqual(at('2026-03-09T10:00:00Z'));
    // Outside hours the clock starts at the next opening.
    expect(addBusinessMinutes(at('2026-03-07T12:00:00Z'), 30, weekdays('Europe/London'))).toEqual(at('2026-03-09T09:30:00Z'));
  });

  it('opens at local 09:00 on both sides of the London spring-forward change', () => {
    // Sat 28 March 16:00 GMT; Sunday 29 March opens at 09:00 BST = 08:00 UTC.
    expect(addBusinessMinutes(at('2026-03-28T16:00:00Z'), 120, everyDay('Europe/London', [['09:00', '17:00']]))).toEqual(at('2026-03-29T09:00:00Z'));
  });

  it('counts the repeated hour when New York falls back', () => {
    const sundays: BusinessSchedule = { timezone: 'America/New_York', weekly: { sun: [['00:00', '24:00']] }, holidays: [] };
    // Sunday 1 November 2026 is 25 hours long in New York.
    expect(businessMinutesBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), sundays)).toBe(25 * 60);
    expect(addBusinessMinutes(at('2026-11-01T04:00:00Z'), 24 * 60, sundays)).toEqual(at('2026-11-02T04:00:00Z'));
  });

  it('counts the short day when New York springs forward', () => {
    const sundays: BusinessSchedule = { timezone: 'America/New_York', weekly: { sun: [['00:00', '24:00']] }, holidays: [] };
    expect(businessMinutesBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), sundays)).toBe(23 * 60);
  });

  it('skips holidays', () => {
    // Thu 24 Dec 16:00 in New York (EST); Friday 25 is a holiday: the second hour is Monday 28.
    expect(addBusinessMinutes(at('2026-12-24T21:00:00Z'), 120, weekdays('America/New_York', undefined, ['2026-12-25']))).toEqual(at('2026-12-28T15:00:00Z'));
  });

  it('runs a night shift across midnight', () => {
    const nights: BusinessSchedule = { timezone: 'UTC', weekly: { fri: [['22:00', '24:00']], sat: [['00:00', '06:00']] }, holidays: [] };
    expect(addBusinessMinutes(at('2026-03-06T23:00:00Z'), 180, nights)).toEqual(at('2026-03-07T02:00:00Z'));
    expect(businessMinutesBetween(at('2026-03-06T20:00:00Z'), at('2026-03-07T12:00:00Z'), nights)).toBe(8 * 60);
  });

  it('stops while paused, and does not arrive while a pause lasts', () => {
    const pauses = [{ start: at('2026-03-06T10:30:00Z'), end: at('2026-03-06T11:00:00Z') }];
    expect(addBusinessMinutes(at('2026-03-06T10:00:00Z'), 60, null, pauses)).toEqual(at('2026-03-06T11:30:00Z'));
    expect(businessMinutesBetween(at('2026-03-06T10:00:00Z'), at('2026-03-06T12:00:00Z'), null, pauses)).toBe(90);
    expect(addBusinessMinutes(at('2026-03-06T10:00:00Z'), 60, null, [{ start: at('2026-03-06T10:30:00Z'), end: null }])).toBeNull();
    // A pause outside business hours changes nothing.
    expect(
      addBusinessMinutes(at('2026-03-06T16:00:00Z'), 120, weekdays('UTC'), [{ start: at('2026-03-07T00:00:00Z'), end: at('2026-03-08T00:00:00Z') }]),
    ).toEqual(at('2026-03-09T10:00:00Z'));
  });

  it('never arrives on a schedule with no open hours', () => {
    expect(addBusinessMinutes(at('2026-03-06T10:00:00Z'), 1, { timezone: 'UTC', weekly: {}, holidays: [] })).toBeNull();
  });

  it('agrees with businessMinutesBetween for any start and target', () => {
    const schedule = weekdays('Europe/London', [
      ['08:30', '12:00'],
      ['13:00', '18:15'],
    ]);
    fc.assert(
      fc.property(
        fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 5000 }),
        (start, minutes) => {
          const due = addBusinessMinutes(start, minutes, schedule) as Date;
          expect(businessMinutesBetween(start, due, schedule)).toBeCloseTo(minutes, 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scheduleProblem', () => {
  it('accepts a valid schedule', () => {
    expect(
      scheduleProblem({
        timezone: 'Europe/London',
        weekly: {
          mon: [
            ['00:00', '12:00'],
            ['13:00', '24:00'],
          ],
        },
        holidays: ['2026-12-25'],
      }),
    ).toBeNull();
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, /^timezone: /],
    [{ weekly: { monday: [] } }, /^weekly\.monday: not a weekday/],
    [{ weekly: { mon: [['9:00', '17:00']] } }, /^weekly\.mon\[0\]: must be/],
    [{ weekly: { mon: [['17:00', '09:00']] } }, /^weekly\.mon\[0\]: .*must end after it starts/],
    [{ weekly: { mon: [['24:00', '24:00']] } }, /^weekly\.mon\[0\]: "24:00" can only end/],
    [
      {
        weekly: {
          tue: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
      /^weekly\.tue\[1\]: overlaps/,
    ],
    [
      {
        weekly: {
          tue: [
            ['13:00', '17:00'],
            ['09:00', '12:00'],
          ],
        },
      },
      /^weekly\.tue\[1\]: overlaps/,
    ],
    [{ holidays: ['2026-02-30'] }, /^holidays\[0\]: 2026-02-30 is not a date/],
    [{ holidays: '2026-12-25' }, /^holidays: /],
  ])('refuses %j naming the field', (input, problem) => {
    expect(scheduleProblem(input)).toMatch(problem);
  });
});
