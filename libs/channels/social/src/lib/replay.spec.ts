import { metaDeliveryTimes, staleDeliveryReason, xDeliveryTimes } from './replay';

const now = new Date('2026-01-05T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

describe('staleDeliveryReason', () => {
  it('should refuse a delivery whose every event is older than the window, naming the newest', () => {
    expect(staleDeliveryReason([hoursAgo(30), hoursAgo(25)], now, 24 * 60)).toBe(
      'every event in this delivery is older than 1440 minutes (the newest is from 2026-01-04T11:00:00.000Z): refused as a replayed or stale delivery',
    );
  });

  it('should accept a delivery with at least one recent event, an undated one, or any when the check is off', () => {
    expect(staleDeliveryReason([hoursAgo(30), hoursAgo(1)], now, 24 * 60)).toBeNull();
    expect(staleDeliveryReason([], now, 24 * 60)).toBeNull();
    expect(staleDeliveryReason([hoursAgo(300)], now, 0)).toBeNull();
  });
});

describe('delivery times', () => {
  it('should read tweet and direct message times from an X delivery', () => {
    const activity = {
      tweet_create_events: [
        { created_at: 'Wed Oct 10 20:19:24 +0000 2018', timestamp_ms: '1539202764000', user: { id_str: '1' } },
        { created_at: 'Mon Jan 05 11:00:00 +0000 2026', user: { id_str: '1' } },
      ],
      direct_message_events: [{ type: 'message_create', id: '9', created_timestamp: '1767610800000' }],
    };
    expect(xDeliveryTimes(activity as Parameters<typeof xDeliveryTimes>[0]).map((d) => d.toISOString())).toEqual([
      '2018-10-10T20:19:24.000Z',
      '2026-01-05T11:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ]);
  });

  it('should read entry times (seconds) and Messenger timestamps (milliseconds) from a Meta delivery', () => {
    const webhook = { object: 'page', entry: [{ time: 1767610800, changes: [] }, { messaging: [{ timestamp: 1767614400000 }] }] };
    expect(metaDeliveryTimes(webhook).map((d) => d.toISOString())).toEqual(['2026-01-05T11:00:00.000Z', '2026-01-05T12:00:00.000Z']);
  });
});
