import { readFixture } from '../testing/fixtures';
import type { CallMetadata } from './call';
import { parseAsteriskCdrCsv } from './asterisk-cdr';

const ctx = { connectorId: 'c1', defaultCountry: 'DE' };
const customMapping = readFixture('phone/asterisk/asterisk__KelySaina__Master.csv').toString('utf8');
const cdrCsvOrder = readFixture('phone/asterisk/asterisk__KelySaina__Master.derived-cdrcsv-order.csv').toString('utf8');

const callOf = (message: { metadata?: Record<string, unknown> }) => message.metadata?.['call'] as CallMetadata;

describe('parseAsteriskCdrCsv', () => {
  it('should import the 14 calls of the cdr_custom layout: 11 answered, 3 missed', () => {
    const { calls, errors } = parseAsteriskCdrCsv(customMapping, ctx);
    expect(errors).toEqual([]);
    expect(calls).toHaveLength(14);
    expect(calls.filter((c) => callOf(c).outcome === 'answered')).toHaveLength(11);
    expect(calls.filter((c) => callOf(c).outcome === 'missed')).toHaveLength(3);
    const first = calls[0];
    expect(first).toMatchObject({
      channel: 'phone',
      direction: 'inbound',
      externalId: '1690325492.2',
      identities: [{ kind: 'external', value: 'asterisk:client1' }],
      text: 'Answered call from client1, 13 s',
      updates: { rank: 500 },
    });
    expect(first.occurredAt.toISOString()).toBe('2023-07-26T01:51:32.000Z');
    expect(callOf(first)).toMatchObject({
      provider: 'asterisk',
      from: 'client1',
      to: '6789',
      customerParty: 'extension',
      status: 'ANSWERED',
      startedAt: '2023-07-26T01:51:32.000Z',
      answeredAt: '2023-07-26T01:51:50.000Z',
      endedAt: '2023-07-26T01:52:04.000Z',
      durationSeconds: 13,
      agent: '6789',
    });
    const missed = calls[1];
    expect(callOf(missed)).toMatchObject({ outcome: 'missed', status: 'NO ANSWER', durationSeconds: 30, callbackRequested: true });
    expect(callOf(missed).answeredAt).toBeUndefined();
    expect(missed.text).toBe('Missed call from client2');
  });

  it('should import the same calls from the default cdr_csv layout', () => {
    const custom = parseAsteriskCdrCsv(customMapping, ctx);
    const csv = parseAsteriskCdrCsv(cdrCsvOrder, ctx);
    expect(csv.errors).toEqual([]);
    expect(csv.calls).toEqual(custom.calls);
  });

  it('should give the same ids when a file is imported again, hashing rows without uniqueid', () => {
    // cdr_csv without loguniqueid/loguserfield: 16 columns, no uniqueid.
    const sixteen = cdrCsvOrder
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(',').slice(0, 16).join(','))
      .join('\n');
    const once = parseAsteriskCdrCsv(sixteen, ctx);
    expect(once.errors).toEqual([]);
    expect(once.calls).toHaveLength(14);
    expect(once.calls[0].externalId).toMatch(/^cdr-[0-9a-f]{32}$/);
    expect(new Set(once.calls.map((c) => c.externalId)).size).toBe(14);
    expect(parseAsteriskCdrCsv(sixteen, ctx).calls.map((c) => c.externalId)).toEqual(once.calls.map((c) => c.externalId));
  });

  it('should read the newcdrcolumns layout (21 columns) and a real caller with a name', () => {
    const line =
      '"","+4930123456","100","from-trunk","""Alice Doe"" <+4930123456>","PJSIP/trunk-00000001","PJSIP/100-00000002","Dial","PJSIP/100,30",' +
      '"2024-01-01 10:00:00","2024-01-01 10:00:05","2024-01-01 10:03:05",185,180,"ANSWERED","DOCUMENTATION","1704103200.1","","","1704103200.1",3';
    const { calls, errors } = parseAsteriskCdrCsv(line, { ...ctx, timeZone: 'Europe/Berlin' });
    expect(errors).toEqual([]);
    expect(calls[0]).toMatchObject({
      externalId: '1704103200.1',
      authorName: 'Alice Doe',
      identities: [{ kind: 'phone', value: '+4930123456' }],
      text: 'Answered call from +49 30 123456, 3 min',
    });
    // 10:00 in Berlin in winter is 09:00 UTC.
    expect(callOf(calls[0]).startedAt).toBe('2024-01-01T09:00:00.000Z');
  });

  it('should treat calls from an outbound context as outbound to dst', () => {
    const line =
      '"","100","004930123456","from-internal","""Agent"" <100>","PJSIP/100-01","PJSIP/trunk-02","Dial","PJSIP/trunk","2024-07-01 10:00:00","","2024-07-01 10:00:20",20,0,"BUSY","DOCUMENTATION","1719828000.7",""';
    const { calls } = parseAsteriskCdrCsv(line, { ...ctx, outboundContexts: ['from-internal'] });
    expect(calls[0]).toMatchObject({ direction: 'outbound', identities: [{ kind: 'phone', value: '+4930123456' }], authorName: undefined });
    expect(callOf(calls[0])).toMatchObject({ outcome: 'busy', agent: '100', callbackRequested: false });
  });

  it('should keep the good rows of a file with bad ones and report each bad line', () => {
    const lines = customMapping.split('\n');
    lines.splice(2, 0, '"just","three","columns"');
    lines[4] = lines[4].replace('"ANSWERED"', '"EXPLODED"');
    lines[6] = lines[6].replace(/"2023-07-26 [\d:]+"/, '"2023-13-45 99:00:00"');
    lines[8] = lines[8].replace('"client1","6789"', '"","6789"');
    lines.splice(10, 0, '"unterminated,"quote', '');
    const { calls, errors } = parseAsteriskCdrCsv(lines.join('\r\n'), ctx);
    expect(calls).toHaveLength(11);
    expect(errors).toEqual([
      { line: 3, reason: expect.stringMatching(/has 3 columns/) },
      { line: 5, reason: expect.stringMatching(/^disposition: unknown value "EXPLODED"/) },
      { line: 7, reason: 'start: "2023-13-45 99:00:00" is not a YYYY-MM-DD HH:MM:SS date' },
      { line: 9, reason: 'src: empty (no calling party)' },
      { line: 11, reason: expect.stringMatching(/^not a CSV row/) },
    ]);
  });

  it('should map columns by a header row when the file has one, and read unix-seconds dates', () => {
    const csv =
      'src,dst,dcontext,start,answer,end,billsec,duration,disposition,uniqueid\n+4930123456,200,from-trunk,2024-01-01 10:00:00,,2024-01-01 10:00:30,0,30,NO ANSWER,1704103200.9\n';
    const { calls, errors } = parseAsteriskCdrCsv(csv.replace('2024-01-01 10:00:30', '1704103230'), ctx);
    expect(errors).toEqual([]);
    expect(calls[0]).toMatchObject({ externalId: '1704103200.9', identities: [{ kind: 'phone', value: '+4930123456' }] });
    // A cdr_custom mapping may write unix seconds (${CDR(end,u)}).
    expect(callOf(calls[0]).endedAt).toBe('2024-01-01T10:00:30.000Z');
    expect(callOf(calls[0])).toMatchObject({ outcome: 'missed', callbackRequested: true });
  });

  it('should refuse an unknown time zone', () => {
    expect(() => parseAsteriskCdrCsv(customMapping, { ...ctx, timeZone: 'Mars/Olympus' })).toThrow(/timeZone "Mars\/Olympus"/);
  });
});
