import { nextPushDelay, type QueueCountsRow, queueOverviews, sparkline, SPARKLINE_BUCKETS } from './supervisor-overview';

function counts(queueId: string | null, open: number, extra: Partial<QueueCountsRow> = {}): QueueCountsRow {
  return { queueId, open, unassigned: 0, waiting: 0, oldestWaitingSeconds: 0, medianWaitSeconds: null, atRisk: 0, breached: 0, ...extra };
}

describe('sparkline', () => {
  it('should place sparse counts in twelve buckets, oldest first, adding repeats and dropping strays', () => {
    const series = sparkline([
      { bucket: 0, count: 2 },
      { bucket: 11, count: 5 },
      { bucket: 11, count: 1 },
      { bucket: 12, count: 9 },
      { bucket: -1, count: 9 },
    ]);
    expect(series).toHaveLength(SPARKLINE_BUCKETS);
    expect(series).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]);
  });

  it('should be all zeros without rows', () => {
    expect(sparkline([])).toEqual(new Array(SPARKLINE_BUCKETS).fill(0));
  });
});

describe('queueOverviews', () => {
  const queues = [
    { id: 'q-billing', name: 'Billing', archived: false },
    { id: 'q-old', name: 'Old', archived: true },
    { id: 'q-sales', name: 'Sales', archived: false },
  ];

  it('should give every live queue a row, with zeros when it holds nothing', () => {
    const result = queueOverviews(queues, [counts('q-billing', 3, { waiting: 2, oldestWaitingSeconds: 90, medianWaitSeconds: 42 })], []);
    expect(result.map((q) => q.name)).toEqual(['Billing', 'Sales']);
    expect(result[0]).toMatchObject({ id: 'q-billing', open: 3, waiting: 2, oldestWaitingSeconds: 90, medianWaitSeconds: 42 });
    expect(result[1]).toEqual({
      id: 'q-sales',
      name: 'Sales',
      open: 0,
      unassigned: 0,
      waiting: 0,
      oldestWaitingSeconds: 0,
      medianWaitSeconds: null,
      atRisk: 0,
      breached: 0,
      lastHour: new Array(SPARKLINE_BUCKETS).fill(0),
    });
  });

  it('should show an archived queue only while it holds open work, and "No queue" only when something is in it', () => {
    expect(queueOverviews(queues, [counts('q-old', 1)], []).map((q) => q.id)).toEqual(['q-billing', 'q-old', 'q-sales']);
    expect(queueOverviews(queues, [counts(null, 0)], []).map((q) => q.id)).toEqual(['q-billing', 'q-sales']);
    const withNone = queueOverviews(queues, [], [{ queueId: null, bucket: 11, count: 1 }]);
    expect(withNone.at(-1)).toMatchObject({ id: null, name: 'No queue', open: 0 });
    expect(withNone.at(-1)?.lastHour.at(-1)).toBe(1);
  });

  it('should give each queue only its own sparkline', () => {
    const result = queueOverviews(
      queues,
      [],
      [
        { queueId: 'q-billing', bucket: 10, count: 4 },
        { queueId: 'q-sales', bucket: 2, count: 1 },
      ],
    );
    expect(result[0].lastHour[10]).toBe(4);
    expect(result[0].lastHour[2]).toBe(0);
    expect(result[1].lastHour[2]).toBe(1);
  });
});

describe('nextPushDelay', () => {
  it('should push at once the first time and after a quiet second', () => {
    expect(nextPushDelay(null, 5_000)).toBe(0);
    expect(nextPushDelay(1_000, 2_000)).toBe(0);
    expect(nextPushDelay(1_000, 9_000)).toBe(0);
  });

  it('should wait out the rest of the interval after a recent push', () => {
    expect(nextPushDelay(1_000, 1_300)).toBe(700);
    expect(nextPushDelay(1_000, 1_000, 500)).toBe(500);
  });
});
